package com.sealflow.simulator.camera;

/**
 * The kind of document under the synthetic camera, named after the control server's document types, with the seal
 * that stamps it: a press photo then shows the document the request was approved for, not always a contract.
 */
public enum Paper {
    CONTRACT("合 同 书", "AGREEMENT", "合同专用章", "CONTRACT SEAL",
            new String[] {"甲方：示例科技有限公司", "乙方：某某贸易有限公司"},
            new String[] {"Party A: Example Technology Co., Ltd.", "Party B: Sample Trading Co., Ltd."},
            "甲方（盖章）：", "Party A (seal):"),
    FINANCIAL_STATEMENT("财 务 报 表", "FINANCIAL STATEMENT", "财务专用章", "FINANCE SEAL",
            new String[] {"编制单位：示例科技有限公司", "报表期间：2026 年第三季度"},
            new String[] {"Prepared by: Example Technology Co., Ltd.", "Period: Q3 2026"},
            "编制单位（盖章）：", "Company (seal):"),
    INVOICE("发 票", "INVOICE", "发票专用章", "INVOICE SEAL",
            new String[] {"销售方：示例科技有限公司", "购买方：某某贸易有限公司"},
            new String[] {"Seller: Example Technology Co., Ltd.", "Buyer: Sample Trading Co., Ltd."},
            "销售方（盖章）：", "Seller (seal):");

    private final String titleZh;
    private final String titleEn;
    private final String sealZh;
    private final String sealEn;
    private final String[] headerZh;
    private final String[] headerEn;
    private final String sealLineZh;
    private final String sealLineEn;

    Paper(String titleZh, String titleEn, String sealZh, String sealEn, String[] headerZh, String[] headerEn,
          String sealLineZh, String sealLineEn) {
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.sealZh = sealZh;
        this.sealEn = sealEn;
        this.headerZh = headerZh;
        this.headerEn = headerEn;
        this.sealLineZh = sealLineZh;
        this.sealLineEn = sealLineEn;
    }

    String title(boolean cjk) {
        return cjk ? titleZh : titleEn;
    }

    /** The label at the bottom of the impression. */
    String sealLabel(boolean cjk) {
        return cjk ? sealZh : sealEn;
    }

    /** The two lines under the title (the parties, or who prepared it for which period). */
    String[] header(boolean cjk) {
        return (cjk ? headerZh : headerEn).clone();
    }

    /** The line the seal is pressed beside. */
    String sealLine(boolean cjk) {
        return cjk ? sealLineZh : sealLineEn;
    }
}
