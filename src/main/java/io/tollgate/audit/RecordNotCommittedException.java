package io.tollgate.audit;

/** An exchange record that is not known to be committed; the request it describes must not be forwarded. */
public class RecordNotCommittedException extends RuntimeException {

    private final boolean undecided;

    RecordNotCommittedException(String message, Throwable cause, boolean undecided) {
        super(message, cause);
        this.undecided = undecided;
    }

    /** The write was not refused, only not confirmed in time: the record may still be committed. */
    public boolean undecided() {
        return undecided;
    }
}
