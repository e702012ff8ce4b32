package io.tollgate.testsupport;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the shared {@link UpstreamStub} (once per test JVM), resets its script and recordings
 * before each test, and hands it to test methods and constructors that ask for it. Dynamic tests
 * get no per-test callback: they call {@link UpstreamStub#reset()} themselves.
 */
public final class UpstreamStubExtension implements BeforeEachCallback, ParameterResolver {

    @Override
    public void beforeEach(ExtensionContext context) {
        UpstreamStub.shared().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == UpstreamStub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return UpstreamStub.shared();
    }
}
