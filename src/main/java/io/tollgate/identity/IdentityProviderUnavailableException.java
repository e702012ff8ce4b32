package io.tollgate.identity;

/**
 * The token could not be checked because the issuer's discovery document or keys could not be
 * fetched. Not the caller's fault, but nothing is let through either.
 */
public class IdentityProviderUnavailableException extends Exception {

    public IdentityProviderUnavailableException(String issuer, Throwable cause) {
        super("Cannot fetch the signing keys of issuer " + issuer + ": " + cause.getMessage(), cause);
    }
}
