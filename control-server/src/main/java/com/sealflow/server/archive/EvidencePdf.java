package com.sealflow.server.archive;

import com.sealflow.server.web.QrCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The evidence pack of an archived record (A4, Chinese): the request, the approval chain with people, times and
 * comments, the unlock commands and tokens, every press with its photo, SHA-256 and flags, reviews and addenda, the
 * record's hash, and a QR code linking to the public verification page.
 */
final class EvidencePdf {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
    private static final float LEFT = PdfCanvas.MARGIN;
    private static final float RIGHT = PdfCanvas.WIDTH - PdfCanvas.MARGIN;
    private static final Color RULE = new Color(0xe5, 0xe7, 0xeb);
    private static final Color BAND = new Color(0xf8, 0xf5, 0xf0);
    private static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("START", "提交"), Map.entry("APPROVE", "同意"),
        Map.entry("REJECT", "拒绝"), Map.entry("RETURN", "退回"), Map.entry("TRANSFER", "转办"), Map.entry("DELEGATE", "委派"),
        Map.entry("ADD_SIGNER", "加签"), Map.entry("COMMENT", "评论"), Map.entry("COMPLETE_HANDLE", "完成用印"),
        Map.entry("AUTO_APPROVE", "自动通过"), Map.entry("WITHDRAW", "撤回"), Map.entry("RESUBMIT", "重新提交"), Map.entry("URGE", "催办"));

    private EvidencePdf() {
    }

    /** {@code detail} as {@code GET /api/archive/{no}} answers it; {@code photos} gives a press photo's bytes by hash, or null. */
    static byte[] render(JsonObject detail, Function<String, byte[]> photos, String fontPath) {
        JsonObject rec = detail.getJsonObject("record", new JsonObject());
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("用印证据包 " + detail.getString("no"));
            info.setSubject("SealFlow evidence pack");
            info.setCreator("SealFlow");
            PDFont font = PdfFonts.load(doc, fontPath);
            String footer = "归档号 " + detail.getString("no") + "  ·  记录哈希 " + detail.getString("hash");
            try (PdfCanvas c = new PdfCanvas(doc, font, font == null ? PdfFonts.awt(fontPath) : null, footer)) {
                header(c, doc, detail, rec);
                request(c, rec);
                approvals(c, rec.getJsonObject("approval"));
                unlocks(c, rec.getJsonArray("unlocks", new JsonArray()));
                presses(c, doc, rec.getJsonArray("presses", new JsonArray()), photos);
                addenda(c, detail.getJsonArray("addenda", new JsonArray()));
                integrity(c, detail);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(PdfCanvas c, PDDocument doc, JsonObject detail, JsonObject rec) throws IOException {
        float top = c.y();
        c.fill(LEFT, top - 4, 4, -92, PdfCanvas.ACCENT);
        c.text(LEFT + 14, top - 26, 22, PdfCanvas.INK, "用印证据包");
        c.text(LEFT + 14, top - 44, 10, PdfCanvas.MUTED, nz(rec.getString("company")) + "  ·  SealFlow 印流");
        c.text(LEFT + 14, top - 66, 12, PdfCanvas.INK, "归档号  " + detail.getString("no"));
        c.text(LEFT + 14, top - 84, 9, PdfCanvas.MUTED, "验证码  " + detail.getString("verificationCode") + "    归档时间  "
            + time(rec.getLong("archivedAt")));
        PDImageXObject qr = LosslessFactory.createFromImage(doc, QrCode.of(detail.getString("verifyUrl"), 300));
        float size = 96;
        c.image(qr, RIGHT - size, top - size - 4, size, size);
        String caption = "扫码验证真伪";
        c.text(RIGHT - size / 2 - c.width(caption, 8) / 2, top - size - 14, 8, PdfCanvas.MUTED, caption);
        c.down(size + 30);
        c.line(LEFT, c.y(), RIGHT, c.y(), 0.6f, RULE);
        c.down(14);
    }

    private static void section(PdfCanvas c, String title) {
        c.need(60);
        c.down(10);
        c.fill(LEFT, c.y() - 20, RIGHT - LEFT, 20, BAND);
        c.text(LEFT + 8, c.y() - 14, 11, PdfCanvas.INK, title);
        c.down(28);
    }

    private static void field(PdfCanvas c, String label, String value) {
        c.need(16);
        float startY = c.y();
        c.text(LEFT + 8, startY - 9, 9, PdfCanvas.MUTED, label);
        c.paragraph(LEFT + 100, RIGHT - LEFT - 108, 9, PdfCanvas.INK, value == null || value.isBlank() ? "—" : value);
        c.down(2);
    }

    private static void request(PdfCanvas c, JsonObject rec) {
        JsonObject r = rec.getJsonObject("request", new JsonObject());
        section(c, "一、申请信息");
        field(c, "申请单号", r.getString("no"));
        field(c, "文件名称", r.getString("documentName"));
        field(c, "文件类型 / 份数", r.getString("documentType") + " / " + r.getValue("copies"));
        field(c, "用印事由", r.getString("reason"));
        String amount = r.getString("amount") == null ? "—" : r.getString("amount") + " 元";
        field(c, "金额 / 相对方", amount + " / " + nz(r.getString("counterparty")));
        field(c, "申请人 / 部门", name(r.getJsonObject("applicant")) + " / " + name(r.getJsonObject("department")));
        List<String> seals = new ArrayList<>();
        rec.getJsonArray("seals", new JsonArray()).forEach(s -> seals.add(((JsonObject) s).getString("name") + "（"
            + ((JsonObject) s).getString("code") + "）"));
        field(c, "印章", String.join("、", seals));
        field(c, "提交 / 完成", time(r.getLong("submittedAt")) + "  →  " + time(r.getLong("finishedAt")));
        List<String> files = new ArrayList<>();
        r.getJsonArray("files", new JsonArray()).forEach(f -> files.add(((JsonObject) f).getString("name") + "  SHA-256 "
            + ((JsonObject) f).getString("sha256")));
        field(c, "附件", files.isEmpty() ? null : String.join("\n", files));
    }

    private static void approvals(PdfCanvas c, JsonObject approval) {
        section(c, "二、审批链");
        if (approval == null) {
            field(c, "审批", "无审批实例");
            return;
        }
        for (Object o : approval.getJsonArray("history", new JsonArray())) {
            JsonObject h = (JsonObject) o;
            String label = ACTIONS.get(h.getString("action"));
            if (label == null) {
                continue; // engine bookkeeping (node entered, branch taken...) is in the record but not in the pack
            }
            String who = h.getJsonObject("actor") == null ? "系统" : name(h.getJsonObject("actor"));
            String node = "START".equals(h.getString("action")) ? "发起申请" : nz(nodeName(approval, h.getString("nodeId")));
            String text = label + "  ·  " + who + "  ·  " + node
                + (h.getString("comment") == null ? "" : "\n“" + h.getString("comment") + "”");
            field(c, time(h.getLong("at")), text);
        }
    }

    private static String nodeName(JsonObject approval, String nodeId) {
        for (Object o : approval.getJsonArray("tasks", new JsonArray())) {
            JsonObject t = (JsonObject) o;
            if (nodeId != null && nodeId.equals(t.getString("nodeId"))) {
                return t.getString("nodeName");
            }
        }
        return nodeId;
    }

    private static void unlocks(PdfCanvas c, JsonArray unlocks) {
        section(c, "三、解锁指令与令牌");
        if (unlocks.isEmpty()) {
            field(c, "解锁", "无");
        }
        for (Object o : unlocks) {
            JsonObject u = (JsonObject) o;
            field(c, time(u.getLong("createdAt")), "指令 " + u.getString("commandId") + "  ·  设备 " + u.getString("deviceId")
                + (u.getInteger("slot") == null ? "" : " 槽位 " + u.getInteger("slot")) + "\n允许 " + u.getValue("pressesAllowed")
                + " 次，已用 " + u.getValue("pressesUsed") + " 次  ·  状态 " + u.getString("state"));
        }
    }

    private static void presses(PdfCanvas c, PDDocument doc, JsonArray presses, Function<String, byte[]> photos) throws IOException {
        section(c, "四、盖章记录（" + presses.size() + " 次）");
        float photoW = 150;
        float photoH = 112;
        int i = 0;
        for (Object o : presses) {
            JsonObject p = (JsonObject) o;
            i++;
            c.need(photoH + 16);
            float top = c.y();
            byte[] jpeg = p.getString("photoSha256") == null ? null : photos.apply(p.getString("photoSha256"));
            if (jpeg != null) {
                c.image(JPEGFactory.createFromByteArray(doc, jpeg), LEFT + 8, top - photoH, photoW, photoH);
            } else {
                c.fill(LEFT + 8, top - photoH, photoW, photoH, BAND);
                c.text(LEFT + 40, top - photoH / 2, 9, PdfCanvas.MUTED, "照片未上传");
            }
            float x = LEFT + photoW + 20;
            float w = RIGHT - x;
            c.text(x, top - 12, 11, PdfCanvas.INK, "第 " + i + " 次  ·  计数器 " + p.getValue("counter"));
            c.down(18);
            List<String> lines = new ArrayList<>();
            lines.add("时间  " + time(p.getLong("at")));
            lines.add("设备  " + p.getString("deviceId") + (p.getInteger("slot") == null ? "" : "  槽位 " + p.getInteger("slot")));
            lines.add("令牌  " + nz(p.getString("tokenId")));
            lines.add("照片 SHA-256");
            lines.add(nz(p.getString("photoSha256")));
            JsonArray flags = p.getJsonArray("flags", new JsonArray());
            lines.add("异常标记  " + (flags.isEmpty() ? "无" : String.join(", ", flags.stream().map(String::valueOf).toList())));
            JsonObject review = p.getJsonObject("review");
            lines.add("复核  " + (review == null ? "未复核" : review.getString("verdict") + "  " + nz(review.getString("byName"))
                + "  " + time(review.getLong("at"))
                + (review.getString("comment") == null ? "" : "  “" + review.getString("comment") + "”")));
            for (String line : lines) {
                Color color = line.startsWith("异常标记") && !flags.isEmpty() ? PdfCanvas.ACCENT : PdfCanvas.INK;
                c.paragraph(x, w, 8.5f, color, line);
            }
            float used = top - c.y();
            c.down(Math.max(0, photoH - used) + 12);
            c.line(LEFT + 8, c.y() + 6, RIGHT, c.y() + 6, 0.4f, RULE);
        }
    }

    private static void addenda(PdfCanvas c, JsonArray addenda) {
        if (addenda.isEmpty()) {
            return;
        }
        section(c, "五、归档后追加（" + addenda.size() + " 条）");
        for (Object o : addenda) {
            JsonObject a = (JsonObject) o;
            field(c, time(a.getLong("at")), "复核 " + a.getString("verdict") + "  ·  " + name(a.getJsonObject("by")) + "  ·  盖章 "
                + a.getString("pressId") + (a.getString("comment") == null ? "" : "\n“" + a.getString("comment") + "”")
                + "\n条目哈希 " + a.getString("hash"));
        }
    }

    private static void integrity(PdfCanvas c, JsonObject detail) {
        section(c, "完整性");
        field(c, "记录哈希", detail.getString("hash"));
        field(c, "前一条哈希", detail.getString("prevHash"));
        field(c, "链上位置", String.valueOf(detail.getValue("seq")));
        field(c, "校验结果", detail.getJsonObject("integrity", new JsonObject()).getBoolean("ok", false)
            ? "生成时校验通过：记录与哈希一致，链条完整" : "生成时校验失败：记录与存储的哈希不一致");
        field(c, "在线验证", detail.getString("verifyUrl"));
        field(c, "保管期限至", time(detail.getLong("retainUntil")));
    }

    private static String name(JsonObject person) {
        return person == null ? "—" : nz(person.getString("name", person.getString("id")));
    }

    static String time(Long millis) {
        return millis == null ? "—" : TIME.format(Instant.ofEpochMilli(millis));
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
