package io.tollgate.policy;

import io.tollgate.proxy.ProxyExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy interceptor's contract: a bound method takes the subject of its decision, and nothing else. */
class PolicyEnforcedMethodsTest {

    @SuppressWarnings("unused")
    static class Candidates {
        void exchange(ProxyExchange exchange) {
        }

        void subject(PolicySubject subject) {
        }

        void nothing() {
        }

        void something(Object anything) {
        }

        void more(PolicySubject subject, String extra) {
        }
    }

    @Test
    void aBoundMethodTakesOnePolicySubject() throws NoSuchMethodException {
        assertTrue(PolicyEnforcedMethods.keepsContract(Candidates.class.getDeclaredMethod("exchange", ProxyExchange.class)));
        assertTrue(PolicyEnforcedMethods.keepsContract(Candidates.class.getDeclaredMethod("subject", PolicySubject.class)));
        assertFalse(PolicyEnforcedMethods.keepsContract(Candidates.class.getDeclaredMethod("nothing")));
        assertFalse(PolicyEnforcedMethods.keepsContract(Candidates.class.getDeclaredMethod("something", Object.class)));
        assertFalse(PolicyEnforcedMethods.keepsContract(
                Candidates.class.getDeclaredMethod("more", PolicySubject.class, String.class)));
    }
}
