package com.sealflow.server.request;

import static com.sealflow.server.request.JourneyTest.contract;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files on requests: only one's own uploads can be attached; whoever sees the request may read them. */
class AttachmentTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    static String upload(TestHttp http, String text) {
        String boundary = "----sealflow" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contract.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("%PDF-1.4\n" + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        TestHttp.Res res = http.sendBytes("POST", "/api/files", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
        assertThat(res.status()).as(res.body()).isIn(200, 201);
        return res.json().getString("id");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void attachmentsFollowTheRequestsVisibility(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String mine = upload(app.as("zhangsan"), "合同正文 " + dialect);
        String theirs = upload(app.as("chenyu"), "别人的文件 " + dialect);

        TestHttp.Res foreign = app.as("zhangsan").post("/api/requests", contract(app, true).put("fileIds", new JsonArray().add(theirs)));
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(422);
        assertThat(app.as("zhangsan").post("/api/requests", contract(app, true).put("fileIds", new JsonArray().add("forged"))).status())
            .isEqualTo(422);

        TestHttp.Res created = app.as("zhangsan").post("/api/requests", contract(app, true).put("fileIds", new JsonArray().add(mine)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getJsonArray("fileIds").getString(0)).isEqualTo(mine);
        assertThat(app.as("lisi").get("/api/files/" + mine).status()).isEqualTo(200);
        assertThat(app.as("wushi").get("/api/files/" + mine).status()).isEqualTo(200);
        assertThat(app.as("chenyu").get("/api/files/" + mine).status()).isIn(403, 404);
    }
}
