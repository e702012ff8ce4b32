package io.tollgate.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who must say yes before a {@code grant} or {@code approve} rule lets requests through, and for
 * how long.
 *
 * @param approverGroups  members of any of these groups may approve (never the requester itself);
 *                        empty only for a self-service grant
 * @param approvals       how many distinct approvers must approve; {@code 0} makes a {@code grant}
 *                        rule self-service (granted at once), an {@code approve} rule needs at least 1
 * @param maxDuration     the longest a grant may last, or how long an approval of one request stays
 *                        usable
 * @param reasonRequired  whether the agent must say why it asks
 */
public record ApprovalSettings(List<String> approverGroups, int approvals, Duration maxDuration, boolean reasonRequired) {

    public ApprovalSettings {
        approverGroups = List.copyOf(approverGroups);
        Objects.requireNonNull(maxDuration, "maxDuration");
    }

    /** Whether a grant under these settings is issued without anybody's approval. */
    public boolean selfService() {
        return approvals == 0;
    }
}
