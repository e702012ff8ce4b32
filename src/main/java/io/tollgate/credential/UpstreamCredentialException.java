package io.tollgate.credential;

/** Tollgate cannot obtain its upstream credential (the token endpoint refused or is down); nothing is forwarded. */
public class UpstreamCredentialException extends Exception {

    public UpstreamCredentialException(String message) {
        super(message);
    }

    public UpstreamCredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
