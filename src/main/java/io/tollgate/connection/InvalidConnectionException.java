package io.tollgate.connection;

/** A connection's configuration cannot be used; the message says which setting and why. */
public class InvalidConnectionException extends RuntimeException {

    public InvalidConnectionException(String connection, String problem) {
        super("Connection '" + connection + "': " + problem);
    }
}
