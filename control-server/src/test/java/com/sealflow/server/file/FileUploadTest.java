package com.sealflow.server.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Uploads are judged by their bytes, stored once per content, and readable only by whom they concern. */
class FileUploadTest {

    static final int MAX = 200_000;
    static final Servers SERVERS = new Servers(Map.of("demo", "true", "file.max.size", Integer.toString(MAX)));
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    static TestHttp.Res upload(TestHttp http, String filename, String contentType, byte[] content) {
        String boundary = "----sealflow" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
            + "Content-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.sendBytes("POST", "/api/files", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                z.write("<x/>".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void acceptsEachTypeByContentAndDeduplicates(Dialect d) throws IOException {
        TestServer server = SERVERS.get(d);
        TestHttp zhang = SERVERS.login(d, "zhangsan");
        TestHttp.Res pdf = upload(zhang, "合同.pdf", "application/pdf", PDF);
        assertThat(pdf.status()).as(pdf.body()).isEqualTo(201);
        JsonObject f = pdf.json();
        assertThat(f.getString("contentType")).isEqualTo(FileTypes.PDF);
        assertThat(f.getString("name")).isEqualTo("合同.pdf");
        assertThat(f.getLong("size")).isEqualTo(PDF.length);
        assertThat(f.getString("sha256")).hasSize(64);

        TestHttp.Res again = upload(zhang, "合同.pdf", "application/octet-stream", PDF);
        assertThat(again.json().getString("id")).isEqualTo(f.getString("id"));
        TestHttp.Res otherName = upload(SERVERS.login(d, "lisi"), "copy.pdf", "application/pdf", PDF);
        assertThat(otherName.json().getString("id")).isNotEqualTo(f.getString("id"));
        assertThat(otherName.json().getString("sha256")).isEqualTo(f.getString("sha256"));
        try (Stream<Path> blobs = Files.walk(server.dataDir.resolve("files"))) {
            assertThat(blobs.filter(p -> p.getFileName().toString().equals(f.getString("sha256")))).hasSize(1);
        }

        assertThat(upload(zhang, "scan.png", "image/png", PNG).json().getString("contentType")).isEqualTo(FileTypes.PNG);
        assertThat(upload(zhang, "photo.jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2})
            .json().getString("contentType")).isEqualTo(FileTypes.JPEG);
        assertThat(upload(zhang, "a.docx", "application/octet-stream", zip("[Content_Types].xml", "word/document.xml"))
            .json().getString("contentType")).isEqualTo(FileTypes.DOCX);
        assertThat(upload(zhang, "b.xlsx", "", zip("[Content_Types].xml", "xl/workbook.xml"))
            .json().getString("contentType")).isEqualTo(FileTypes.XLSX);
        assertThat(upload(zhang, "说明.txt", "text/plain; charset=utf-8", "用印说明\n第二行\n".getBytes(StandardCharsets.UTF_8))
            .json().getString("contentType")).isEqualTo(FileTypes.TEXT);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void filesLyingAboutTheirTypeAre415(Dialect d) throws IOException {
        TestHttp zhang = SERVERS.login(d, "zhangsan");
        TestHttp.Res pngAsPdf = upload(zhang, "contract.pdf", "application/pdf", PNG);
        assertThat(pngAsPdf.status()).isEqualTo(415);
        assertThat(pngAsPdf.contentType()).startsWith("application/problem+json");
        assertThat(pngAsPdf.json().getString("type")).endsWith("/file-type-mismatch");
        assertThat(upload(zhang, "contract.pdf", "application/octet-stream", PNG).status()).isEqualTo(415);
        assertThat(upload(zhang, "image", "image/png", PDF).status()).isEqualTo(415);
        TestHttp.Res exe = upload(zhang, "setup.pdf", "application/pdf", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0});
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.json().getString("type")).endsWith("/unsupported-file-type");
        assertThat(upload(zhang, "evil.docx", "application/octet-stream", zip("payload.bin")).status()).isEqualTo(415);
        assertThat(upload(zhang, "empty.txt", "text/plain", new byte[0]).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sizeLimitAndBadRequests(Dialect d) {
        TestHttp zhang = SERVERS.login(d, "zhangsan");
        byte[] big = new byte[MAX + 10];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        TestHttp.Res tooBig = upload(zhang, "big.pdf", "application/pdf", big);
        assertThat(tooBig.status()).isEqualTo(413);
        byte[] huge = new byte[MAX + 200_000];
        assertThat(upload(zhang, "huge.pdf", "application/pdf", huge).status()).isEqualTo(413);
        assertThat(zhang.post("/api/files", new JsonObject().put("file", "x")).status()).isEqualTo(400);
        assertThat(upload(SERVERS.get(d).http(), "a.pdf", "application/pdf", PDF).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onlyOwnerAuditorsAdminsAndPoliciesRead(Dialect d) {
        TestServer server = SERVERS.get(d);
        TestHttp chen = SERVERS.login(d, "chenyu");
        String id = upload(chen, "secret.pdf", "application/pdf", PDF).json().getString("id");
        TestHttp.Res own = chen.get("/api/files/" + id);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.contentType()).isEqualTo(FileTypes.PDF);
        assertThat(own.body()).startsWith("%PDF-1.4");
        assertThat(own.header("Content-Disposition")).startsWith("attachment;");

        TestHttp other = SERVERS.login(d, "zhoujiu");
        assertThat(other.get("/api/files/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/files/forged-id").status()).isEqualTo(404);
        assertThat(SERVERS.login(d, "auditor").get("/api/files/" + id).status()).isEqualTo(200);

        server.server.platform().files().registerAccessPolicy((user, file) ->
            Future.succeededFuture(user.username().equals("zhoujiu") && file.id().equals(id)));
        assertThat(other.get("/api/files/" + id).status()).isEqualTo(200);
        assertThat(SERVERS.login(d, "zhangsan").get("/api/files/" + id).status()).isEqualTo(404);
    }
}
