package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.HOUR;
import static com.sealflow.server.stats.History.T0;
import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook the server writes, read back with Apache POI: sheets, headers and figures in their cells. */
class StatsExportTest {

    @Test
    void workbookHoldsTheFigures() throws Exception {
        try (History h = new History(Dialect.SQLITE)) {
            String flow = h.deploy("export", Duration.ofHours(4));
            for (int i = 1; i <= 4; i++) {
                String id = h.start(flow, h.alice.id(), "x-" + i);
                h.after(HOUR.multipliedBy(i * 2L));
                if (i == 4) {
                    h.reject(id);
                } else {
                    h.approve(id);
                    h.after(HOUR);
                    h.approve(id);
                }
            }
            Range r = new Range(T0, h.clock.millis() + 1);
            JsonObject all = new JsonObject().put("summary", await(h.stats.summary(r, null))).put("flows", await(h.stats.flows(r)))
                .put("nodes", await(h.stats.bottlenecks(r, 100))).put("departments", await(h.stats.departments(r)))
                .put("seals", await(h.stats.seals(r))).put("devices", new JsonArray());
            byte[] bytes = StatsExport.xlsx(all, History.ZONE);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
                assertThat(book.getNumberOfSheets()).isEqualTo(6);
                Sheet summary = book.getSheet("概览");
                assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("指标");
                assertThat(summary.getRow(1).getCell(1).getStringCellValue()).isEqualTo("2027-01-06");
                assertThat(summary.getRow(3).getCell(0).getStringCellValue()).isEqualTo("申请总数");
                assertThat(summary.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(4.0);
                assertThat(summary.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(3.0);
                assertThat(summary.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(1.0);
                assertThat(summary.getRow(9).getCell(1).getNumericCellValue()).isEqualTo(0.75);

                Sheet nodes = book.getSheet("节点耗时");
                assertThat(nodes.getRow(0).getCell(3).getStringCellValue()).isEqualTo("节点");
                // 部门负责人 stays 2 4 6 8 h (limit 4 h): rank 1, average 5 h, p90 8 h, two overdue
                assertThat(nodes.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
                assertThat(nodes.getRow(1).getCell(3).getStringCellValue()).isEqualTo("部门负责人");
                assertThat(nodes.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(4.0);
                assertThat(nodes.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(5.0);
                assertThat(nodes.getRow(1).getCell(7).getNumericCellValue()).isCloseTo(8.0, StatsHistoryTest.withinBucket(8.0));
                assertThat(nodes.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(4.0);
                assertThat(nodes.getRow(1).getCell(9).getNumericCellValue()).isEqualTo(2.0);
                assertThat(nodes.getRow(2).getCell(3).getStringCellValue()).isEqualTo("法务审核");

                Sheet depts = book.getSheet("部门");
                assertThat(depts.getRow(1).getCell(1).getStringCellValue()).isEqualTo("销售部");
                assertThat(depts.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(4.0);
            }
            String csv = StatsExport.csv(StatsExport.tables(all, History.ZONE).get("nodes"));
            assertThat(csv.split("\r\n")[1]).startsWith("1,用印申请,dept,部门负责人,4,5.0,");
        }
    }

    @Test
    void columnLettersAndCsvQuoting() {
        assertThat(Xlsx.column(0)).isEqualTo("A");
        assertThat(Xlsx.column(25)).isEqualTo("Z");
        assertThat(Xlsx.column(26)).isEqualTo("AA");
        assertThat(Xlsx.column(701)).isEqualTo("ZZ");
        assertThat(StatsExport.csv(java.util.List.of(java.util.List.of("a,b", "say \"hi\"", "=cmd()", 3))))
            .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",'=cmd(),3\r\n");
    }
}
