package io.tollgate.audit;

/**
 * The first place a chain of the audit log no longer holds together.
 *
 * @param eventId the offending event, or null when the problem is a missing one
 */
public record BrokenLink(String chain, long sequence, String eventId, String problem) {
}
