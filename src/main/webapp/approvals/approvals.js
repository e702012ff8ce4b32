// Tollgate's approvals page. Approvers sign in with OpenID Connect (authorization code flow with
// PKCE) at the issuer the server names, then call Tollgate's API with the access token. The token
// lives in sessionStorage only (gone when the tab closes), never in localStorage or a cookie.
'use strict';

(() => {
    const TOKEN_KEY = 'tollgate.approvals.token';
    const SIGN_IN_KEY = 'tollgate.approvals.signIn';
    const redirectUri = window.location.origin + window.location.pathname;
    const element = (id) => document.getElementById(id);

    let settings;
    let discovery;
    let caller;

    document.addEventListener('DOMContentLoaded', () => {
        element('sign-in-button').addEventListener('click', () => signIn().catch(showError));
        element('sign-out-button').addEventListener('click', signOut);
        start().catch(showError);
    });

    async function start() {
        settings = await json(await fetch('settings.json'));
        discovery = await json(await fetch(settings.issuer + '/.well-known/openid-configuration'));
        const answer = new URLSearchParams(window.location.search);
        if (answer.has('code') || answer.has('error')) {
            // The code is single-use and must not stay in the address bar or the history.
            window.history.replaceState(null, '', redirectUri);
            await finishSignIn(answer);
        }
        if (!accessToken()) {
            showSignedOut();
            return;
        }
        caller = await api('GET', 'me');
        showSignedIn();
        await refresh();
    }

    // --- Signing in -------------------------------------------------------------------------

    async function signIn() {
        const verifier = randomString(32);
        const pending = { verifier, state: randomString(16), nonce: randomString(16) };
        sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify(pending));
        const query = new URLSearchParams({
            response_type: 'code',
            client_id: settings.clientId,
            redirect_uri: redirectUri,
            scope: settings.scopes,
            state: pending.state,
            nonce: pending.nonce,
            code_challenge: await challengeOf(verifier),
            code_challenge_method: 'S256'
        });
        window.location.assign(discovery.authorization_endpoint + '?' + query);
    }

    async function finishSignIn(answer) {
        const pending = JSON.parse(sessionStorage.getItem(SIGN_IN_KEY) || 'null');
        sessionStorage.removeItem(SIGN_IN_KEY);
        if (answer.has('error')) {
            throw new Error('Sign-in failed: ' + (answer.get('error_description') || answer.get('error')));
        }
        if (!pending || answer.get('state') !== pending.state) {
            throw new Error('Sign-in failed: the answer does not belong to a sign-in started here. Sign in again.');
        }
        const response = await fetch(discovery.token_endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
            body: new URLSearchParams({
                grant_type: 'authorization_code',
                code: answer.get('code'),
                redirect_uri: redirectUri,
                client_id: settings.clientId,
                code_verifier: pending.verifier
            })
        });
        const tokens = await response.json();
        if (!response.ok) {
            throw new Error('Sign-in failed: ' + (tokens.error_description || tokens.error || response.status));
        }
        if (tokens.id_token && claimsOf(tokens.id_token).nonce !== pending.nonce) {
            throw new Error('Sign-in failed: the ID token was not issued for this sign-in.');
        }
        sessionStorage.setItem(TOKEN_KEY, JSON.stringify({
            accessToken: tokens.access_token,
            expiresAt: Date.now() + tokens.expires_in * 1000
        }));
    }

    function signOut() {
        sessionStorage.removeItem(TOKEN_KEY);
        caller = null;
        showSignedOut();
        say('Signed out.');
    }

    function accessToken() {
        const stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
        if (!stored || stored.expiresAt <= Date.now()) {
            sessionStorage.removeItem(TOKEN_KEY);
            return null;
        }
        return stored.accessToken;
    }

    // --- Tollgate's API ---------------------------------------------------------------------

    async function api(method, path, body) {
        const token = accessToken();
        if (!token) {
            showSignedOut();
            throw new Error('Your session ended. Sign in again.');
        }
        const response = await fetch('/api/' + path, {
            method,
            headers: Object.assign({ 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' },
                body ? { 'Content-Type': 'application/json' } : {}),
            body: body ? JSON.stringify(body) : undefined
        });
        if (response.status === 401) {
            sessionStorage.removeItem(TOKEN_KEY);
            showSignedOut();
            throw new Error('Your session ended. Sign in again.');
        }
        return json(response);
    }

    async function json(response) {
        const text = await response.text();
        const body = text ? JSON.parse(text) : null;
        if (!response.ok) {
            throw new Error((body && (body.detail || body.error_description)) || ('HTTP ' + response.status));
        }
        return body;
    }

    async function refresh() {
        const [pending, grants] = await Promise.all([
            isApprover() ? api('GET', 'access-requests?status=PENDING') : Promise.resolve([]),
            api('GET', 'grants?status=ACTIVE')
        ]);
        showPending(pending);
        showGrants(grants);
    }

    async function decide(request, decision, card) {
        card.querySelectorAll('button').forEach((button) => { button.disabled = true; });
        try {
            const comment = card.querySelector('.comment').value.trim();
            const decided = await api('POST', 'access-requests/' + encodeURIComponent(request.id) + '/approvals',
                { decision, comment: comment || null });
            say((decision === 'approve' ? 'Approved' : 'Denied') + ' the request of ' + request.requester.subject
                + ' (now ' + decided.status + ').');
            await refresh();
        } catch (failure) {
            card.querySelectorAll('button').forEach((button) => { button.disabled = false; });
            showError(failure);
        }
    }

    async function revoke(grant, button) {
        button.disabled = true;
        try {
            await api('DELETE', 'grants/' + encodeURIComponent(grant.id));
            say('Revoked the grant of ' + grant.holder.subject + '.');
            await refresh();
        } catch (failure) {
            button.disabled = false;
            showError(failure);
        }
    }

    // --- Rendering (text only: nothing from the API is ever parsed as HTML) ----------------

    function showSignedOut() {
        element('signed-in-as').hidden = true;
        element('sign-out-button').hidden = true;
        element('sign-in-button').hidden = false;
        element('signed-out').hidden = false;
        element('pending').hidden = true;
        element('grants').hidden = true;
    }

    function showSignedIn() {
        element('signed-in-as').textContent = 'Signed in as ' + caller.subject + ' (' + caller.roles.join(', ') + ')';
        element('signed-in-as').hidden = false;
        element('sign-out-button').hidden = false;
        element('sign-in-button').hidden = true;
        element('signed-out').hidden = true;
        element('pending').hidden = !isApprover();
        element('grants').hidden = false;
        if (!isApprover() && !isAdmin()) {
            say(caller.subject + ' is neither an approver nor an operator: there is nothing to decide here.');
        }
    }

    function showPending(requests) {
        const list = element('pending-list');
        list.replaceChildren(...requests.map((request) => {
            const card = element('request-template').content.firstElementChild.cloneNode(true);
            card.dataset.requestId = request.id;
            text(card, '.who', request.requester.subject + (request.requester.clientId
                && request.requester.clientId !== request.requester.subject ? ' (client ' + request.requester.clientId + ')' : ''));
            text(card, '.connection', 'on ' + request.connection);
            text(card, '.what', whatIsAsked(request));
            text(card, '.how-long', request.oneShot ? 'this one request' : humanDuration(request.duration));
            text(card, '.why', request.reason || '(no reason given)');
            text(card, '.filed', new Date(request.createdAt).toLocaleString());
            text(card, '.approvals', request.approvals.length + ' of ' + request.approvalsRequired
                + ' (' + request.approverGroups.join(', ') + ')');
            card.querySelector('.approve').addEventListener('click', () => decide(request, 'approve', card));
            card.querySelector('.deny').addEventListener('click', () => decide(request, 'deny', card));
            return card;
        }));
        element('pending-empty').hidden = requests.length > 0;
    }

    function showGrants(grants) {
        const rows = grants.map((grant) => {
            const row = document.createElement('tr');
            row.dataset.grantId = grant.id;
            [grant.holder.subject, grant.connection, [...grant.operations, ...grant.scopes].join(', ') || 'the approved request',
                new Date(grant.expiresAt).toLocaleString()].forEach((value) => {
                const cell = document.createElement('td');
                cell.textContent = value;
                row.append(cell);
            });
            const action = document.createElement('td');
            if (isAdmin()) {
                const button = document.createElement('button');
                button.type = 'button';
                button.className = 'revoke';
                button.textContent = 'Revoke';
                button.addEventListener('click', () => revoke(grant, button));
                action.append(button);
            }
            row.append(action);
            return row;
        });
        element('grants-list').replaceChildren(...rows);
        element('grants-table').hidden = grants.length === 0;
        element('grants-empty').hidden = grants.length > 0;
    }

    function whatIsAsked(request) {
        const asked = [...request.operations, ...request.scopes];
        if (request.request) {
            asked.push(request.request.method + ' ' + request.request.path + (request.request.query ? '?' + request.request.query : ''));
        }
        return asked.join(', ');
    }

    /** ISO-8601 durations as people say them: PT1H30M is "1 hour 30 minutes". */
    function humanDuration(iso) {
        const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
        if (!match) {
            return iso;
        }
        const parts = [[match[1], 'day'], [match[2], 'hour'], [match[3], 'minute'], [match[4], 'second']]
            .filter(([value]) => value && Number(value) > 0)
            .map(([value, unit]) => value + ' ' + unit + (Number(value) === 1 ? '' : 's'));
        return parts.join(' ') || iso;
    }

    function text(parent, selector, value) {
        parent.querySelector(selector).textContent = value;
    }

    function say(message) {
        element('status').classList.remove('error');
        element('status').textContent = message;
    }

    function showError(failure) {
        element('status').classList.add('error');
        element('status').textContent = failure.message;
    }

    const isApprover = () => caller && caller.roles.includes('approver');
    const isAdmin = () => caller && caller.roles.includes('admin');

    // --- PKCE and tokens --------------------------------------------------------------------

    function randomString(bytes) {
        return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
    }

    async function challengeOf(verifier) {
        return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    }

    function base64Url(bytes) {
        return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    /** The claims of a JWT, read (not verified: Tollgate's API verifies the access token it is given). */
    function claimsOf(jwt) {
        const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        return JSON.parse(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')));
    }
})();
