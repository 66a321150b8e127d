package org.chatserver.domain;

/**
 * How far a client has seen a room: the last message it has (as clients said before rooms kept a
 * change log), or the last change, which also covers edits, deletions, reactions and pins.
 */
public sealed interface HistoryPosition permits MessageId, ChangeId {
}
