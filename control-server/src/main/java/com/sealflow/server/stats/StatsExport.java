package com.sealflow.server.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns every figure of a period into tables (Chinese headers): one workbook sheet or one CSV file each. */
final class StatsExport {

    /** Table keys as the CSV endpoint takes them, with their sheet names, in workbook order. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("summary", "概览");
        TABLES.put("flows", "流程");
        TABLES.put("nodes", "节点耗时");
        TABLES.put("departments", "部门");
        TABLES.put("seals", "印章");
        TABLES.put("devices", "设备");
    }

    private StatsExport() {
    }

    static Map<String, List<List<Object>>> tables(JsonObject all, ZoneId zone) {
        Map<String, List<List<Object>>> t = new LinkedHashMap<>();
        JsonObject s = all.getJsonObject("summary");
        List<List<Object>> summary = new ArrayList<>();
        summary.add(row("指标", "数值"));
        summary.add(row("统计起始", Instant.ofEpochMilli(s.getLong("from")).atZone(zone).toLocalDate().toString()));
        summary.add(row("统计截止", Instant.ofEpochMilli(s.getLong("to") - 1).atZone(zone).toLocalDate().toString()));
        String[][] keys = {{"total", "申请总数"}, {"approved", "通过"}, {"rejected", "驳回"}, {"withdrawn", "撤回"},
            {"returned", "曾退回"}, {"inProgress", "进行中"}, {"passRate", "通过率"}, {"avgDurationHours", "平均审批时长(小时)"},
            {"p50DurationHours", "审批时长P50(小时)"}, {"p90DurationHours", "审批时长P90(小时)"}, {"pressesTotal", "盖章次数"},
            {"flaggedPresses", "异常盖章"}, {"anomalies", "异常告警"}};
        for (String[] k : keys) {
            summary.add(row(k[1], s.getValue(k[0])));
        }
        t.put("summary", summary);
        t.put("flows", table(all.getJsonArray("flows"), new String[][] {{"flowKey", "流程标识"}, {"name", "流程名称"}, {"total", "申请数"},
            {"approved", "通过"}, {"rejected", "驳回"}, {"withdrawn", "撤回"}, {"returned", "曾退回"}, {"inProgress", "进行中"},
            {"passRate", "通过率"}, {"returnRate", "退回率"}, {"withdrawRate", "撤回率"}, {"avgDurationHours", "平均时长(小时)"},
            {"p50DurationHours", "P50(小时)"}, {"p90DurationHours", "P90(小时)"}}));
        t.put("nodes", table(all.getJsonArray("nodes"), new String[][] {{"rank", "瓶颈排名"}, {"flowName", "流程"}, {"nodeId", "节点标识"},
            {"name", "节点"}, {"count", "处理次数"}, {"avgHours", "平均(小时)"}, {"p50Hours", "P50(小时)"}, {"p90Hours", "P90(小时)"},
            {"timeLimitHours", "时限(小时)"}, {"overdue", "超时次数"}, {"overdueRate", "超时率"}, {"passRate", "通过率"},
            {"rejectRate", "驳回率"}, {"returnRate", "退回率"}, {"withdrawRate", "撤回率"}}));
        t.put("departments", table(all.getJsonArray("departments"), new String[][] {{"departmentId", "部门标识"}, {"name", "部门"},
            {"total", "申请数"}, {"approved", "通过"}, {"rejected", "驳回"}, {"withdrawn", "撤回"}, {"passRate", "通过率"},
            {"avgDurationHours", "平均时长(小时)"}}));
        t.put("seals", table(all.getJsonArray("seals"), new String[][] {{"sealId", "印章"}, {"presses", "盖章次数"}, {"flagged", "异常盖章"},
            {"activeDays", "使用天数"}, {"utilisation", "使用率"}}));
        t.put("devices", table(all.getJsonArray("devices"), new String[][] {{"deviceId", "设备"}, {"serialNo", "序列号"},
            {"location", "位置"}, {"status", "状态"}, {"presses", "盖章次数"}, {"flagged", "异常盖章"}, {"anomalies", "异常告警"},
            {"activeDays", "使用天数"}, {"utilisation", "使用率"}}));
        return t;
    }

    private static List<List<Object>> table(JsonArray rows, String[][] columns) {
        List<List<Object>> out = new ArrayList<>();
        out.add(new ArrayList<>(Arrays.stream(columns).map(c -> (Object) c[1]).toList()));
        for (Object o : rows) {
            JsonObject r = (JsonObject) o;
            List<Object> line = new ArrayList<>();
            for (String[] c : columns) {
                line.add(r.getValue(c[0]));
            }
            out.add(line);
        }
        return out;
    }

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    static byte[] xlsx(JsonObject all, ZoneId zone) {
        Xlsx book = new Xlsx();
        tables(all, zone).forEach((key, rows) -> book.sheet(TABLES.get(key), rows));
        return book.bytes();
    }

    /** RFC 4180 CSV; the caller prefixes a UTF-8 byte-order mark so spreadsheet programs read the Chinese headers. */
    static String csv(List<List<Object>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                Object v = row.get(i);
                String text = v == null ? "" : String.valueOf(v);
                // a leading = + - @ would be a formula in a spreadsheet: quote it as text
                boolean formula = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(v instanceof Number);
                if (formula) {
                    text = "'" + text;
                }
                if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                    text = "\"" + text.replace("\"", "\"\"") + "\"";
                }
                b.append(text);
            }
            b.append("\r\n");
        }
        return b.toString();
    }
}
