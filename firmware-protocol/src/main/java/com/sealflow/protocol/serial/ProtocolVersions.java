package com.sealflow.protocol.serial;

import java.util.List;
import java.util.OptionalInt;

/**
 * Version negotiation: both sides list their versions in HELLO and use the highest one both
 * support. HELLO itself is always framed as version 1 so that any peer can read it.
 */
public final class ProtocolVersions {

    /** What this implementation speaks, lowest first. */
    public static final List<Integer> SUPPORTED = List.of(Frame.VERSION_1);

    private ProtocolVersions() {
    }

    /** The highest version in both lists, or empty when there is none (the link must not be used). */
    public static OptionalInt negotiate(List<Integer> ours, List<Integer> theirs) {
        return ours.stream().filter(theirs::contains).mapToInt(Integer::intValue).max();
    }

    public static OptionalInt negotiate(List<Integer> theirs) {
        return negotiate(SUPPORTED, theirs);
    }
}
