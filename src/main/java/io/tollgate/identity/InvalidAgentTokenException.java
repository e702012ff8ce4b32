package io.tollgate.identity;

/**
 * The caller presented no token, or one Tollgate does not accept. The message is for operators'
 * logs and never contains the token.
 */
public class InvalidAgentTokenException extends Exception {

    public InvalidAgentTokenException(String reason) {
        super(reason);
    }

    public InvalidAgentTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
