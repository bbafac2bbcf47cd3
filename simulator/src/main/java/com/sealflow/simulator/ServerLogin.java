package com.sealflow.simulator;

import picocli.CommandLine.Option;

/** Options of the commands that drive a control server's HTTP API with an ADMIN account ({@code people}, {@code idle}). */
final class ServerLogin {

    @Option(names = "--server", required = true, description = "control server base URL, e.g. http://127.0.0.1:8080")
    String server;

    @Option(names = "--admin", defaultValue = "admin", description = "an ADMIN account that sets up the run's people or devices")
    String admin;

    @Option(names = "--admin-password", defaultValue = "sealflow", description = "its password (demo: sealflow)")
    String adminPassword;
}
