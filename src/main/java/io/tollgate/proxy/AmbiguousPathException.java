package io.tollgate.proxy;

/** A request path that could be read two ways, so nothing may be matched against it or forwarded. */
public class AmbiguousPathException extends Exception {

    public AmbiguousPathException(String reason) {
        super(reason);
    }
}
