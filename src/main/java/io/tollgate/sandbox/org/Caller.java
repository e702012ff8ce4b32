package io.tollgate.sandbox.org;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling the Management API in this request, as the sandbox's gate established it: the
 * org's API token, or a service app with an access token of the org authorization server.
 */
@RequestScoped
public class Caller {

    private Actor actor = Actor.API_TOKEN;

    public Actor actor() {
        return actor;
    }

    public void authenticated(Actor who) {
        this.actor = who;
    }
}
