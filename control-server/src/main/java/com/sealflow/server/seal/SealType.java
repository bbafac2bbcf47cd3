package com.sealflow.server.seal;

/** Kinds of company seal (DESIGN §6). */
public enum SealType {
    OFFICIAL,
    CONTRACT,
    FINANCE,
    LEGAL_REP,
    INVOICE,
    DEPARTMENT,
    OTHER
}
