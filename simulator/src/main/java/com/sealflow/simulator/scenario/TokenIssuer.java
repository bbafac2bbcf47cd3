package com.sealflow.simulator.scenario;

/**
 * Whoever can make the server send a device an unlock token: a test's fake server, or nobody (a
 * tester approves on the web and the scenario waits with {@code waitFor: armedTokens.size}).
 */
@FunctionalInterface
public interface TokenIssuer {

    /** @param slot cabinet slot, or null for a smart seal device */
    void unlock(String deviceId, String custodianId, int presses, Integer slot) throws Exception;

    static TokenIssuer none() {
        return (device, custodian, presses, slot) -> {
            throw new IllegalStateException("this run has no token issuer: approve a request on the web and use"
                    + " 'waitFor: {device: " + device + ", armedTokens.size: 1}' instead of 'unlock'");
        };
    }
}
