package com.sealflow.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A demo request stamped at a virtual device ends in the archive: numbered, hashed and chained; the evidence pack
 * renders (pdftoppm) with a QR code that decodes (ZXing) to the verification URL, which verifies over HTTP without a
 * login; a later review is chained as an addendum; editing the stored record in the database is detected.
 */
class ArchiveJourneyTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void stampedRequestIsArchivedVerifiedAndTamperingIsDetected(Dialect dialect) throws Exception {
        try (TestServer server = TestServer.start(dialect, Map.of("demo", "true", "demo.devices", "true"))) {
            String requestId = DemoStamping.stampTwice(server, "2026年三季度财务报表");
            TestHttp auditor = Servers.login(server, "auditor", "sealflow");
            JsonObject item = DemoStamping.await(() -> auditor.get("/api/archive?q=" + enc("三季度")).json(),
                page -> page.getJsonArray("items").size() == 1).getJsonArray("items").getJsonObject(0);
            assertThat(item.getString("requestId")).isEqualTo(requestId);
            assertThat(item.getString("no")).matches("GD-\\d{4}-\\d{6}");
            assertThat(item.getInteger("pressCount")).isEqualTo(2);
            String no = item.getString("no");

            JsonObject detail = ok(auditor.get("/api/archive/" + no));
            JsonObject record = detail.getJsonObject("record");
            assertThat(detail.getJsonObject("integrity").getBoolean("ok")).isTrue();
            assertThat(record.getJsonObject("request").getString("documentName")).isEqualTo("2026年三季度财务报表");
            assertThat(record.getJsonObject("approval").getJsonArray("history").stream().map(JsonObject.class::cast)
                .filter(h -> "APPROVE".equals(h.getString("action"))).map(h -> h.getJsonObject("actor").getString("name")).toList())
                .containsExactly("李四", "钱七");
            assertThat(record.getJsonArray("presses")).hasSize(2);
            assertThat(record.getJsonArray("presses").getJsonObject(0).getString("photoSha256")).matches("[0-9a-f]{64}");
            assertThat(record.getJsonArray("unlocks").getJsonObject(0).getString("deviceId")).isEqualTo("SD-01");
            assertThat(record.getJsonArray("seals").getJsonObject(0).getString("name")).isNotBlank();

            searchFiltersAndAccess(server, auditor, no, item);

            // the evidence pack: PDF → PNG pages → the QR code → the verification URL → verified over HTTP, no login
            byte[] pdf = bytes(auditor, "/api/archive/" + no + "/evidence.pdf");
            assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
            List<Path> pages = renderPages(pdf, Path.of("target", "evidence-pack", dialect.name().toLowerCase()));
            String url = decodeQr(ImageIO.read(pages.get(0).toFile()));
            assertThat(url).isEqualTo(detail.getString("verifyUrl")).startsWith("http://localhost:" + server.server.port() + "/verify/");
            String code = url.substring(url.lastIndexOf('/') + 1);
            TestHttp stranger = server.http();
            JsonObject verified = ok(stranger.get("/api/verify/" + code));
            assertThat(verified.getString("status")).isEqualTo("VALID");
            assertThat(verified.getString("no")).isEqualTo(no);
            assertThat(verified.getString("documentName")).isEqualTo("2026年三季度财务报表");
            assertThat(verified.getString("company")).isEqualTo("示例科技有限公司");
            assertThat(verified.getInteger("pressCount")).isEqualTo(2);
            assertThat(verified.encode()).doesNotContain("zhangsan").doesNotContain("张三").doesNotContain("招商银行");
            assertThat(stranger.get("/api/verify/AAAAAAAAAAAAAAAA").status()).isEqualTo(404);
            assertThat(stranger.get("/api/archive").status()).isEqualTo(401);

            // a review after archiving is chained as an addendum; the record still verifies
            TestHttp security = Servers.login(server, "anbao", "sealflow");
            String pressId = record.getJsonArray("presses").getJsonObject(1).getString("id");
            assertThat(security.post("/api/evidence/" + pressId + "/review", new JsonObject().put("verdict", "OK")
                .put("comment", "印文清晰")).status()).isEqualTo(200);
            JsonObject after = ok(auditor.get("/api/archive/" + no));
            assertThat(after.getJsonArray("addenda")).hasSize(1);
            assertThat(after.getJsonArray("addenda").getJsonObject(0).getString("verdict")).isEqualTo("OK");
            assertThat(ok(stranger.get("/api/verify/" + code)).getInteger("addenda")).isEqualTo(1);
            assertThat(ok(auditor.get("/api/archive/chain/verify")).getBoolean("ok")).isTrue();

            exportWritesTheRecordOutsideTheDatabase(server, auditor, no);

            // tampering: an edit of the stored record in the database no longer matches its hash
            server.server.platform().db().execute("UPDATE archive_entry SET body = REPLACE(body, '三季度', '四季度') WHERE archive_no = $1",
                no).await(10, TimeUnit.SECONDS);
            JsonObject tampered = ok(stranger.get("/api/verify/" + code));
            assertThat(tampered.getString("status")).isEqualTo("TAMPERED");
            assertThat(tampered.getJsonObject("integrity").getBoolean("ok")).isFalse();
            assertThat(tampered.getJsonObject("integrity").getString("storedHash"))
                .isNotEqualTo(tampered.getJsonObject("integrity").getString("recomputedHash"));
            JsonObject chain = ok(auditor.get("/api/archive/chain/verify"));
            assertThat(chain.getBoolean("ok")).isFalse();
            assertThat(chain.getLong("firstBadSeq")).isEqualTo(detail.getLong("seq"));
            assertThat(ok(auditor.get("/api/archive/" + no)).getJsonObject("integrity").getBoolean("ok")).isFalse();
        }
    }

    private static void searchFiltersAndAccess(TestServer server, TestHttp auditor, String no, JsonObject item) {
        assertThat(total(auditor, "/api/archive?q=" + no)).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?q=" + enc("招商银行"))).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?q=" + enc("张三"))).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?q=" + enc("没有这个文件"))).isZero();
        assertThat(total(auditor, "/api/archive?deviceId=SD-01")).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?deviceId=SD-02")).isZero();
        assertThat(total(auditor, "/api/archive?applicantId=" + item.getString("applicantId"))).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?departmentId=" + item.getString("departmentId") + "&q=" + enc("报表"))).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?from=2000-01-01&to=2100-01-01")).isEqualTo(1);
        assertThat(total(auditor, "/api/archive?to=2000-01-01")).isZero();
        assertThat(auditor.get("/api/archive?from=yesterday").status()).isEqualTo(400);
        assertThat(auditor.get("/api/archive?size=100000").status()).isEqualTo(400);
        // the applicant sees their own record, legal staff all, another employee none of it
        assertThat(total(Servers.login(server, "zhangsan", "sealflow"), "/api/archive")).isEqualTo(1);
        assertThat(Servers.login(server, "zhangsan", "sealflow").get("/api/archive/" + no).status()).isEqualTo(200);
        assertThat(Servers.login(server, "wangwu", "sealflow").get("/api/archive/" + no).status()).isEqualTo(200);
        TestHttp other = Servers.login(server, "chenyu", "sealflow");
        assertThat(total(other, "/api/archive")).isZero();
        assertThat(other.get("/api/archive/" + no).status()).isEqualTo(404);
        assertThat(other.get("/api/archive/" + no + "/evidence.pdf").status()).isEqualTo(404);
        assertThat(other.get("/api/archive/GD-1999-000001").contentType()).startsWith("application/problem+json");
    }

    private static void exportWritesTheRecordOutsideTheDatabase(TestServer server, TestHttp auditor, String no) throws Exception {
        TestHttp.Res res = auditor.post("/api/archive/export", new JsonObject());
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().getJsonArray("exported")).contains(no);
        Path dir = server.dataDir.resolve("archive-export").resolve(no.substring(3, 7)).resolve(no);
        JsonObject exported = new JsonObject(Files.readString(dir.resolve("record.json")));
        assertThat(exported.getString("hash")).matches("[0-9a-f]{64}");
        assertThat(Files.readAllBytes(dir.resolve("evidence.pdf"))).startsWith("%PDF-".getBytes());
        try (var photos = Files.list(dir.resolve("photos"))) {
            assertThat(photos.count()).isEqualTo(2);
        }
    }

    private static long total(TestHttp http, String path) {
        return ok(http.get(path)).getLong("total");
    }

    private static JsonObject ok(TestHttp.Res res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] bytes(TestHttp http, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(http.cookies).build();
        HttpResponse<byte[]> res = client.send(HttpRequest.newBuilder(URI.create(http.base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        return res.body();
    }

    /** pdftoppm (poppler-utils) renders each page to {@code dir/page-N.png}. */
    static List<Path> renderPages(byte[] pdf, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path file = dir.resolve("evidence.pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftoppm", "-r", "200", "-png", file.toString(), dir.resolve("page").toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
        }
    }

    /** The QR code on a page: the whole page first, then each half, with both binarizers (photos nearby confuse one). */
    static String decodeQr(BufferedImage page) throws Exception {
        int w = page.getWidth();
        int h = page.getHeight();
        List<BufferedImage> views = List.of(page, page.getSubimage(0, 0, w, h / 2), page.getSubimage(0, h / 2, w, h - h / 2),
            page.getSubimage(0, 0, w / 2, h), page.getSubimage(w / 2, 0, w - w / 2, h));
        Map<DecodeHintType, Object> hints = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(com.google.zxing.BarcodeFormat.QR_CODE));
        for (BufferedImage view : views) {
            BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(view);
            for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)))) {
                try {
                    return new MultiFormatReader().decode(bitmap, hints).getText();
                } catch (com.google.zxing.NotFoundException notHere) {
                    // try the next view
                }
            }
        }
        throw com.google.zxing.NotFoundException.getNotFoundInstance();
    }

}
