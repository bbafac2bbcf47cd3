package com.sealflow.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Platform;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tasks, 催办 and results reach people by e-mail through a real SMTP server, in Chinese, once each. */
class MailNotificationsTest {

    private static List<MimeMessage> to(NotifyStack stack, String address) {
        return Arrays.stream(stack.mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String pendingTask(TestHttp http, String requestId) {
        return http.get("/api/tasks?status=pending").json().getJsonArray("items").stream().map(JsonObject.class::cast)
            .filter(t -> requestId.equals(t.getString("requestId"))).findFirst().orElseThrow().getString("id");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void taskUrgeRejectAndCompletionAreMailedInChinese(Dialect d) throws Exception {
        try (NotifyStack stack = new NotifyStack(d); TestServer server = stack.start(true)) {
            // the demo company's people have <username>@example.com addresses
            TestHttp zhang = NotifyStack.login(server, "zhangsan");
            TestHttp.Res created = zhang.post("/api/requests", NotifyStack.contract(zhang, 600_000));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().getString("id");
            String no = created.json().getString("no");

            NotifyStack.await(() -> to(stack, "lisi@example.com").size() == 1, "the task mail");
            MimeMessage task = to(stack, "lisi@example.com").get(0);
            assertThat(task.getSubject()).isEqualTo("【印流】待审批：" + no + " 华东区年度采购合同");
            assertThat(task.getFrom()[0].toString()).contains("sealflow@example.com");
            String text = (String) task.getContent();
            assertThat(text).startsWith("李四，您好：").contains("您有一项新的审批任务待处理。").contains("说明：部门负责人审批")
                .contains(server.server.platform().config().publicUrl() + "/requests/" + id);
            assertThat(task.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");

            // the Message-ID is the delivery id the admin's log shows
            TestHttp admin = NotifyStack.login(server, "admin");
            JsonObject log = admin.get("/api/notify/deliveries?channel=MAIL&status=DELIVERED").json();
            assertThat(log.getLong("total")).isEqualTo(1);
            JsonObject row = log.getJsonArray("items").getJsonObject(0);
            assertThat(row.getString("target")).isEqualTo("lisi@example.com");
            assertThat(row.getString("eventType")).isEqualTo("task.assigned");
            assertThat(task.getMessageID()).isEqualTo("<" + row.getString("id") + "@example.com>");

            // 催办 by the applicant
            assertThat(zhang.post("/api/requests/" + id + "/urge", new JsonObject()).status()).isEqualTo(200);
            NotifyStack.await(() -> to(stack, "lisi@example.com").size() == 2, "the urge mail");
            MimeMessage urge = to(stack, "lisi@example.com").get(1);
            assertThat(urge.getSubject()).isEqualTo("【印流】催办：" + no + " 华东区年度采购合同");
            assertThat((String) urge.getContent()).contains("被催办或即将超时");

            // rejected: the applicant is told
            TestHttp lisi = NotifyStack.login(server, "lisi");
            TestHttp.Res rejected = lisi.post("/api/tasks/" + pendingTask(lisi, id) + "/reject", new JsonObject().put("comment", "金额不符"));
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
            NotifyStack.await(() -> to(stack, "zhangsan@example.com").size() == 1, "the rejection mail");
            MimeMessage result = to(stack, "zhangsan@example.com").get(0);
            assertThat(result.getSubject()).isEqualTo("【印流】已驳回：" + no + " 华东区年度采购合同");
            assertThat((String) result.getContent()).startsWith("张三，您好：").contains("您的申请已被驳回。");

            // completion goes through the same notification service the approval module calls
            Platform p = server.server.platform();
            String zhangId = zhang.get("/api/me").json().getString("id");
            p.db().inTransaction(tx -> p.notifications().notify(tx, zhangId, "request.approved", "已完成：" + no + " 华东区年度采购合同",
                null, "/requests/" + id)).await(10, TimeUnit.SECONDS);
            NotifyStack.await(() -> to(stack, "zhangsan@example.com").size() == 2, "the completion mail");
            assertThat((String) to(stack, "zhangsan@example.com").get(1).getContent()).contains("您的申请已全部办理完成。");

            // nothing for a rolled-back action or for kinds that are not mailed
            Future<String> doomed = p.db().inTransaction(tx -> p.notifications().notify(tx, zhangId, "request.approved", "回滚", null, null)
                .compose(x -> Future.failedFuture("the action failed")));
            assertThat(doomed.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS)).isNotNull();
            p.db().inTransaction(tx -> p.notifications().notify(tx, zhangId, "request.cc", "抄送", null, null)
                .compose(x -> p.notifications().notify(tx, zhangId, "request.returned", "已退回", null, null))).await(10, TimeUnit.SECONDS);
            Thread.sleep(1500);
            assertThat(Arrays.stream(stack.mail.getReceivedMessages()).map(m -> {
                try {
                    return m.getAllRecipients()[0] + " " + m.getSubject();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList()).hasSize(4);
            assertThat(Arrays.stream(stack.mail.getReceivedMessages()).map(m -> {
                try {
                    return m.getMessageID();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).distinct()).hasSize(4);
        }
    }
}
