package com.sealflow.server.seal;

/** What a seal is pressed on (DESIGN §6); a seal may restrict itself to some of these. */
public enum DocumentType {
    CONTRACT,
    AGREEMENT,
    FINANCIAL_STATEMENT,
    INVOICE,
    CERTIFICATE,
    OFFICIAL_LETTER,
    OTHER
}
