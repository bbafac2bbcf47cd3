package com.sealflow.server.device;

import java.util.EnumSet;
import java.util.Set;

/** Where a command to a device stands (DESIGN §4), and the moves allowed between states. */
public enum CommandState {
    QUEUED,
    SENT,
    ACCEPTED,
    DONE,
    REJECTED,
    EXPIRED,
    REVOKED;

    public static final Set<CommandState> OPEN = EnumSet.of(QUEUED, SENT, ACCEPTED);

    public boolean isTerminal() {
        return !OPEN.contains(this);
    }

    /**
     * Whether this state may move to {@code next}. A device answer can overtake our own publish acknowledgement,
     * so QUEUED may go straight to ACCEPTED or further; terminal states never move.
     */
    public boolean canMoveTo(CommandState next) {
        return switch (this) {
            case QUEUED -> next != QUEUED;
            case SENT -> next != QUEUED && next != SENT;
            case ACCEPTED -> next == DONE || next == REJECTED || next == EXPIRED || next == REVOKED;
            default -> false;
        };
    }

    /** SQL list of the open states, for WHERE clauses. */
    public static String openSql() {
        return "('QUEUED', 'SENT', 'ACCEPTED')";
    }
}
