package com.sealflow.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Compiles {@code c/sfproto_vectors.c}, an independent C implementation written from PROTOCOL.md,
 * and runs it over test-vectors.json. The JSON is turned into lines without interpreting it:
 * numbers and booleans as they are, lists comma-separated, every string as {@code x} + the hex of
 * its UTF-8 bytes. A missing C compiler fails the test: CI installs gcc.
 */
class CVectorCheckTest {

    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

    @Test
    void theCImplementationAgreesWithEveryVector() throws Exception {
        String compiler = findCompiler();
        Path exe = Path.of("target", "sfproto-c", "sfproto_vectors").toAbsolutePath();
        Files.createDirectories(exe.getParent());
        Result build = run(List.of(compiler, "-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror", "-O2", "-o", exe.toString(),
                Path.of("c", "sfproto_vectors.c").toString()), "");
        assertThat(build.exit()).as("%s failed:%n%s", compiler, build.output()).isZero();

        JsonNode vectors = WireVectorsTest.vectors();
        String lines = toLines(vectors);
        Files.writeString(exe.resolveSibling("vectors.txt"), lines, StandardCharsets.UTF_8);
        Result check = run(List.of(exe.toString()), lines);
        Files.writeString(exe.resolveSibling("output.txt"), check.output(), StandardCharsets.UTF_8);
        Matcher summary = SUMMARY.matcher(check.output());
        assertThat(summary.find()).as("no summary line in:%n%s", check.output()).isTrue();
        int total = vectors.get("valid").size() + vectors.get("invalid").size();
        assertThat(check.output()).as("C checker output").isEqualTo(total + " passed, 0 failed\n");
        assertThat(check.exit()).isZero();
    }

    /** The line form sfproto_vectors.c reads (see its header comment). */
    static String toLines(JsonNode vectors) {
        StringBuilder out = new StringBuilder();
        for (JsonNode v : vectors.get("valid")) {
            out.append("V ").append(v.get("name").asText()).append(' ').append(v.get("hex").asText());
            for (Map.Entry<String, JsonNode> e : fields(v)) {
                if (!e.getKey().equals("name") && !e.getKey().equals("hex") && !e.getKey().equals("payload")) {
                    out.append(' ').append(e.getKey()).append('=').append(value(e.getValue()));
                }
            }
            for (Map.Entry<String, JsonNode> e : fields(v.get("payload"))) {
                out.append(' ').append(e.getKey()).append('=').append(value(e.getValue()));
            }
            out.append('\n');
        }
        for (JsonNode v : vectors.get("invalid")) {
            out.append("I ").append(v.get("name").asText()).append(' ').append(v.get("hex").asText()).append(' ')
                    .append(v.get("reason").asText()).append('\n');
        }
        return out.toString();
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static String value(JsonNode node) {
        if (node.isTextual()) {
            return "x" + HexFormat.of().formatHex(node.asText().getBytes(StandardCharsets.UTF_8));
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return node.asText();
    }

    private static String findCompiler() {
        for (String name : List.of("cc", "gcc")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return fail("No C compiler (cc or gcc) on PATH. The C vector check is part of the build and is not skipped: "
                + "install gcc (apt-get install gcc; CI does).");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command.get(0) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
