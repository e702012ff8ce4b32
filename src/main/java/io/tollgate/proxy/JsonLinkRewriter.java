package io.tollgate.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a JSON document token by token, rewriting {@code _links.<rel>.href} and
 * {@code _links.<rel>[i].href} with a {@link LinkRewriter}. It holds one token at a time, so memory
 * stays flat whatever the size of the body; numbers and strings are copied exactly.
 */
public final class JsonLinkRewriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonLinkRewriter() {
    }

    /** @return the number of bytes written */
    public static long copy(InputStream in, OutputStream out, LinkRewriter rewriter) throws IOException {
        CountingOutputStream counted = new CountingOutputStream(out);
        try (JsonParser parser = JSON.createParser(in); JsonGenerator generator = JSON.createGenerator(counted)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING && isLinkHref(parser.getParsingContext())) {
                    generator.writeString(rewriter.rewriteUrl(parser.getText()));
                } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    // The number's own text: no round trip through double or BigDecimal may alter it.
                    generator.writeNumber(parser.getText());
                } else {
                    generator.copyCurrentEvent(parser);
                }
            }
        }
        return counted.count();
    }

    private static boolean isLinkHref(JsonStreamContext context) {
        if (!context.inObject() || !"href".equals(context.getCurrentName())) {
            return false;
        }
        JsonStreamContext relation = context.getParent();
        if (relation != null && relation.inArray()) {
            relation = relation.getParent();
        }
        if (relation == null || !relation.inObject()) {
            return false;
        }
        JsonStreamContext links = relation.getParent();
        return links != null && links.inObject() && "_links".equals(links.getCurrentName());
    }
}
