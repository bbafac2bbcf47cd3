package com.sealflow.server.archive;

import java.util.List;

/** The searchable columns of an archived record, derived from its body when it is written. */
record IndexRow(long entrySeq, String no, String requestId, String requestNo, String verificationCode, long archivedAt,
                String documentName, String counterparty, String applicantId, String applicantName, String departmentId,
                String departmentName, String sealNames, int pressCount, List<String> sealIds, List<String> deviceIds) {

    /** Everything {@code q} may match, lower-cased. */
    String searchText() {
        return String.join(" ", nz(no), nz(requestNo), nz(documentName), nz(counterparty), nz(applicantName), nz(departmentName),
            nz(sealNames), String.join(" ", deviceIds)).toLowerCase(java.util.Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
