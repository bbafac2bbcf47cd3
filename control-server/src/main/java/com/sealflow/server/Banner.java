package com.sealflow.server;

import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.demo.DemoCompany;
import java.io.PrintStream;

/** What a person starting the server needs to read: where it is, how to log in, or how to create the first admin. */
final class Banner {

    private Banner() {
    }

    static void print(String url, ServerConfig config, String setupPath) {
        PrintStream out = System.out;
        StringBuilder sb = new StringBuilder();
        sb.append("\n  SealFlow 印流 control server\n  URL:      ").append(url).append('\n')
            .append("  API:      ").append(url).append("/api/openapi.json\n")
            .append("  Data:     ").append(config.dataDir().toAbsolutePath().normalize()).append('\n');
        if (config.demo()) {
            sb.append("  Demo company ").append(DemoCompany.COMPANY).append(" — every password is '")
                .append(DemoCompany.PASSWORD).append("':\n");
            for (DemoCompany.Person p : DemoCompany.USERS) {
                String dept = DemoCompany.DEPARTMENTS.stream().filter(d -> d.code().equals(p.dept())).findFirst()
                    .map(DemoCompany.Dept::name).orElse("");
                boolean head = DemoCompany.DEPARTMENTS.stream().anyMatch(d -> d.head().equals(p.username()));
                sb.append(String.format("    %-9s %-6s %-4s%s %s%n", p.username(), p.name(), dept, head ? " 负责人" : "",
                    p.roles().isEmpty() ? "" : p.roles().toString()));
            }
        }
        if (setupPath != null) {
            sb.append("  No admin exists yet. Create one (link valid 24 h, once):\n    ").append(url).append(setupPath).append('\n')
                .append("  or restart with SEALFLOW_ADMIN_PASSWORD set.\n");
        }
        out.println(sb);
        out.flush();
    }
}
