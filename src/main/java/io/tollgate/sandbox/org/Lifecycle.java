package io.tollgate.sandbox.org;

import io.tollgate.okta.OktaError;
import io.tollgate.sandbox.OktaProblem;

import java.util.EnumSet;
import java.util.Set;

/**
 * Okta's user state machine, as the OpenAPI spec describes each lifecycle operation: which statuses
 * an operation accepts and where it leads. An operation on a user in a status it does not accept is
 * refused with the error Okta answers.
 */
public final class Lifecycle {

    /** Okta's answer to an operation the user's status does not allow. */
    static final String NOT_ALLOWED_IN_STATUS = "E0000038";
    static final String ALREADY_ACTIVE = "E0000016";
    static final String UNLOCK_NOT_ALLOWED = "E0000032";
    static final String CREDENTIALS_UPDATE_FAILED = "E0000014";

    private static final Set<UserStatus> ACTIVATABLE = EnumSet.of(UserStatus.STAGED, UserStatus.DEPROVISIONED);
    private static final Set<UserStatus> REACTIVATABLE = EnumSet.of(UserStatus.PROVISIONED, UserStatus.RECOVERY);
    private static final Set<UserStatus> RESETTABLE = EnumSet.of(UserStatus.ACTIVE, UserStatus.PASSWORD_EXPIRED,
            UserStatus.LOCKED_OUT, UserStatus.RECOVERY, UserStatus.PROVISIONED);
    private static final Set<UserStatus> EXPIRABLE = EnumSet.of(UserStatus.ACTIVE, UserStatus.PASSWORD_EXPIRED,
            UserStatus.LOCKED_OUT, UserStatus.RECOVERY);
    /** Statuses in which a user holds a password it may change or use to prove itself. */
    private static final Set<UserStatus> SIGNED_IN = EnumSet.of(UserStatus.ACTIVE, UserStatus.PASSWORD_EXPIRED);

    private Lifecycle() {
    }

    /** {@code activate}: STAGED or DEPROVISIONED users only; with a password they become ACTIVE, without one PROVISIONED. */
    static UserStatus activate(User user) {
        if (user.status() == UserStatus.ACTIVE) {
            throw new OktaProblem(OktaError.of(403, ALREADY_ACTIVE, "Activation failed because the user is already active"));
        }
        require(user, ACTIVATABLE);
        return user.credentials().hasPassword() ? UserStatus.ACTIVE : UserStatus.PROVISIONED;
    }

    static void reactivate(User user) {
        require(user, REACTIVATABLE);
    }

    /** {@code deactivate}: any user that is not DEPROVISIONED already. */
    static UserStatus deactivate(User user) {
        require(user, EnumSet.complementOf(EnumSet.of(UserStatus.DEPROVISIONED)));
        return UserStatus.DEPROVISIONED;
    }

    static UserStatus suspend(User user) {
        if (user.status() != UserStatus.ACTIVE) {
            throw new OktaProblem(OktaError.of(400, OktaError.VALIDATION_FAILED, "Api validation failed: status",
                    "status: Cannot suspend a user that is not active"));
        }
        return UserStatus.SUSPENDED;
    }

    static UserStatus unsuspend(User user) {
        if (user.status() != UserStatus.SUSPENDED) {
            throw new OktaProblem(OktaError.of(400, OktaError.VALIDATION_FAILED, "Api validation failed: status",
                    "status: Cannot unsuspend a user that is not suspended"));
        }
        return UserStatus.ACTIVE;
    }

    /** {@code unlock}: a LOCKED_OUT user becomes ACTIVE; an ACTIVE one stays so (Okta unblocks its unknown devices). */
    static UserStatus unlock(User user) {
        if (user.status() != UserStatus.LOCKED_OUT && user.status() != UserStatus.ACTIVE) {
            throw new OktaProblem(OktaError.of(403, UNLOCK_NOT_ALLOWED, "Unlock is not allowed for this user."));
        }
        return UserStatus.ACTIVE;
    }

    static UserStatus resetPassword(User user) {
        require(user, RESETTABLE);
        return UserStatus.RECOVERY;
    }

    static UserStatus expirePassword(User user) {
        require(user, EXPIRABLE);
        if (!user.credentials().hasPassword()) {
            throw notAllowed();
        }
        return UserStatus.PASSWORD_EXPIRED;
    }

    /** Changing a password or the recovery question needs a user that has a password and proves it. */
    static void requirePassword(User user, String given, String field) {
        require(user, SIGNED_IN);
        if (!user.credentials().passwordIs(given)) {
            throw new OktaProblem(OktaError.of(403, CREDENTIALS_UPDATE_FAILED, "Update of credentials failed",
                    field + ": The credentials provided were incorrect."));
        }
    }

    static void requireRecoveryAnswer(User user, String given) {
        require(user, SIGNED_IN);
        if (user.credentials().recoveryQuestion() == null || !user.credentials().recoveryAnswerIs(given)) {
            throw new OktaProblem(OktaError.of(403, CREDENTIALS_UPDATE_FAILED, "Update of credentials failed",
                    "recovery_question: The recovery answer provided was incorrect."));
        }
    }

    private static void require(User user, Set<UserStatus> allowed) {
        if (!allowed.contains(user.status())) {
            throw notAllowed();
        }
    }

    private static OktaProblem notAllowed() {
        return new OktaProblem(OktaError.of(403, NOT_ALLOWED_IN_STATUS, "This operation is not allowed in the user's current status."));
    }
}
