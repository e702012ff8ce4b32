package io.tollgate.access.control;

import jakarta.ws.rs.ClientErrorException;

/**
 * Why an access request or an approval cannot be taken, with the HTTP status that says so: 400 a
 * malformed ask, 403 a caller who may not, 404 nothing visible by that id, 409 a state that no
 * longer allows it. Nothing was changed.
 */
public class AccessProblem extends ClientErrorException {

    public AccessProblem(int status, String message) {
        super(message, status);
    }

    public static AccessProblem badRequest(String message) {
        return new AccessProblem(400, message);
    }

    public static AccessProblem forbidden(String message) {
        return new AccessProblem(403, message);
    }

    public static AccessProblem notFound(String what) {
        return new AccessProblem(404, "No " + what);
    }

    public static AccessProblem conflict(String message) {
        return new AccessProblem(409, message);
    }
}
