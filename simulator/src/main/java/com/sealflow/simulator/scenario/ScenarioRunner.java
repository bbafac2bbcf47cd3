package com.sealflow.simulator.scenario;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Scenario} against a simulator's control API. Stops at the first failed step
 * (later steps would only report its consequences) and says what failed.
 */
public final class ScenarioRunner {

    private static final Set<String> ACTIONS = Set.of("auth", "press", "door", "slot", "tamper", "power-cut", "network", "camera",
            "chaos", "end-session");
    private static final long DEFAULT_WAIT_MS = 15_000;

    private final SimClient sim;
    private final TokenIssuer issuer;
    private final PrintStream out;

    public ScenarioRunner(SimClient sim, TokenIssuer issuer, PrintStream out) {
        this.sim = sim;
        this.issuer = issuer;
        this.out = out;
    }

    public Result run(Scenario scenario) {
        out.println("scenario: " + scenario.name());
        List<StepResult> results = new ArrayList<>();
        for (Scenario.Step step : scenario.steps()) {
            long start = System.nanoTime();
            String failure;
            try {
                failure = execute(step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } catch (Exception e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            StepResult result = new StepResult(step, failure == null, failure, millis);
            results.add(result);
            out.printf("  %s %-60s %6d ms%s%n", result.ok() ? "ok  " : "FAIL", abbreviate(step.toString()), millis,
                    failure == null ? "" : "\n         " + failure);
            if (failure != null) {
                break;
            }
        }
        Result result = new Result(scenario.name(), results, results.size() == scenario.steps().size()
                && results.stream().allMatch(StepResult::ok));
        out.println(result.passed() ? "PASSED" : "FAILED at step " + results.get(results.size() - 1).step().index());
        return result;
    }

    private String execute(Scenario.Step step) throws Exception {
        Map<String, Object> args = step.args();
        String device = step.device();
        if (ACTIONS.contains(step.kind())) {
            require(device, step);
            return act(step, device, args);
        }
        switch (step.kind()) {
            case "unlock" -> {
                require(device, step);
                Object slot = args.get("slot");
                issuer.unlock(device, String.valueOf(args.getOrDefault("custodian", "*")),
                        ((Number) args.getOrDefault("presses", 1)).intValue(), slot == null ? null : ((Number) slot).intValue());
                return null;
            }
            case "sleep" -> {
                Thread.sleep(((Number) args.getOrDefault("ms", 1000)).longValue());
                return null;
            }
            case "expect" -> {
                require(device, step);
                return Expectation.check(sim.device(device), args);
            }
            case "waitFor" -> {
                require(device, step);
                return waitFor(device, args);
            }
            default -> throw new IllegalArgumentException("unknown step '" + step.kind() + "' (actions " + ACTIONS
                    + ", unlock, sleep, expect, waitFor)");
        }
    }

    private String act(Scenario.Step step, String device, Map<String, Object> args) throws Exception {
        JsonObject body = new JsonObject();
        args.forEach((k, v) -> {
            if (!Set.of("device", "times", "intervalMs", "expectStatus").contains(k)) {
                body.put(k, v);
            }
        });
        int expectedStatus = ((Number) args.getOrDefault("expectStatus", 200)).intValue();
        int times = ((Number) args.getOrDefault("times", 1)).intValue();
        for (int i = 0; i < times; i++) {
            SimClient.Response res = sim.act(device, step.kind(), body);
            if (res.status() != expectedStatus) {
                return step.kind() + " answered " + res.status() + " (expected " + expectedStatus + "): " + res.body();
            }
            if (i + 1 < times) {
                Thread.sleep(((Number) args.getOrDefault("intervalMs", 200)).longValue());
            }
        }
        return null;
    }

    private String waitFor(String device, Map<String, Object> args) throws Exception {
        long timeout = ((Number) args.getOrDefault("timeoutMs", DEFAULT_WAIT_MS)).longValue();
        long deadline = System.nanoTime() + timeout * 1_000_000;
        String failure;
        do {
            failure = Expectation.check(sim.device(device), args);
            if (failure == null) {
                return null;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return "after " + timeout + " ms: " + failure;
    }

    private static void require(String device, Scenario.Step step) {
        if (device == null) {
            throw new IllegalArgumentException("step " + step.index() + " (" + step.kind() + ") needs 'device'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** One step's outcome. */
    public record StepResult(Scenario.Step step, boolean ok, String failure, long millis) {
    }

    /** The whole run. */
    public record Result(String scenario, List<StepResult> steps, boolean passed) {
    }
}
