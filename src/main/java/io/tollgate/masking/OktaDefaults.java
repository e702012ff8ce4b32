package io.tollgate.masking;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What every {@code okta} connection masks unless its masking document turns it off: the secrets
 * Okta's Management API hands out or accepts (client secrets, activation and reset links, temporary
 * passwords, factor secrets, recovery answers, passwords) in request and response bodies, and any
 * credential-shaped string anywhere (JWTs, Okta API tokens, PEM private keys).
 */
final class OktaDefaults {

    static final List<MaskingRule> RULES = List.of(
            paths("okta.client-secret", "$..client_secret"),
            paths("okta.activation-token", "$..activationToken"),
            paths("okta.activation-url", "$..activationUrl"),
            paths("okta.reset-password-url", "$..resetPasswordUrl"),
            paths("okta.temp-password", "$..tempPassword"),
            paths("okta.shared-secret", "$..sharedSecret"),
            paths("okta.recovery-answer", "$..recovery_question.answer"),
            paths("okta.password-value", "$..password.value", "$..oldPassword.value", "$..newPassword.value",
                    "$..password.hash.value", "$..password.hash.salt"),
            detector("credential.jwt", Detectors.JWT),
            detector("credential.okta-api-token", Detectors.OKTA_API_TOKEN),
            detector("credential.pem-private-key", Detectors.PEM_PRIVATE_KEY));

    private OktaDefaults() {
    }

    static Optional<MaskingRule> named(String name) {
        return RULES.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    private static MaskingRule paths(String name, String... paths) {
        return new MaskingRule(name, Arrays.stream(paths).map(JsonPath::parse).toList(), Optional.empty(), MaskMode.REDACT);
    }

    private static MaskingRule detector(String name, Detector detector) {
        return new MaskingRule(name, List.of(), Optional.of(detector), MaskMode.REDACT);
    }
}
