package com.sealflow.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.simulator.mcu.McuSpec;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioParsingTest {

    @Test
    void everyShippedScenarioParses() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).map(f -> {
                try {
                    return Scenario.load(f);
                } catch (Exception e) {
                    throw new AssertionError(f + ": " + e.getMessage(), e);
                }
            }).toList()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(s -> assertThat(s.steps()).isNotEmpty());
        }
    }

    @Test
    void readsDevicesAndSteps() {
        Scenario s = Scenario.parse("""
                name: t
                devices: [{id: CAB-01, kind: CABINET, slots: 2, pins: {wushi: 1234}}]
                steps:
                  - door: {device: CAB-01, open: true}
                  - sleep: {ms: 5}
                """);
        assertThat(s.devices()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(McuSpec.Kind.CABINET);
            assertThat(d.slots()).isEqualTo(2);
            assertThat(d.custodianPins()).containsEntry("wushi", "1234");
        });
        assertThat(s.steps()).extracting(Scenario.Step::kind).containsExactly("door", "sleep");
        assertThat(s.steps().get(0).device()).isEqualTo("CAB-01");
    }

    @Test
    void refusesMalformedScenarios() {
        assertThatThrownBy(() -> Scenario.parse("- just a list")).hasMessageContaining("YAML map");
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps: []")).hasMessageContaining("no steps");
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps: [{press: {device: A}, door: {device: A}}]"))
                .hasMessageContaining("exactly one key");
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps: 3")).hasMessageContaining("must be a list");
    }

    @Test
    void expectationsCompareFieldsByPath() {
        JsonObject view = new JsonObject("""
                {"lockState":"LOCKED","pressCounter":3,"link":{"mqtt":"CONNECTED"},"lastAuth":"REFUSED:NOT_ALLOWED",
                 "slots":[{"slot":1,"present":true},{"slot":2,"present":false}],"armedTokens":[{"tokenId":"a"}],"lastPhoto":null}
                """);
        assertThat(Expectation.check(view, Map.of("lockState", "LOCKED", "pressCounter", 3, "link.mqtt", "CONNECTED"))).isNull();
        assertThat(Expectation.check(view, Map.of("slots.2.present", false, "armedTokens.size", 1, "lastPhoto", "absent"))).isNull();
        assertThat(Expectation.check(view, Map.of("pressCounter", ">=3", "lastAuth", "REFUSED*"))).isNull();
        assertThat(Expectation.check(view, Map.of("pressCounter", ">3"))).contains("pressCounter is 3, expected >3");
        assertThat(Expectation.check(view, Map.of("lockState", "UNLOCKED"))).contains("expected UNLOCKED");
        assertThat(Expectation.check(view, Map.of("lastPhoto", "present"))).isNotNull();
        assertThat(Expectation.check(view, Map.of("slots.1.present", false))).isNotNull();
    }
}
