package io.tollgate.masking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a JSON document token by token, masking as it goes: one pass over Jackson's streaming
 * parser and generator, one token held at a time, so memory stays flat whatever the size of the
 * document. Numbers are copied as their own text (no round trip through double or BigDecimal);
 * a number or boolean that a path rule selects becomes the masked string.
 */
final class JsonMaskingCopier {

    /**
     * Neither stream is closed with the document, and a document that breaks off is not completed:
     * the agent must see a broken stream, not a well-formed prefix.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private JsonMaskingCopier() {
    }

    static void copy(InputStream in, OutputStream out, JsonStringFilter filter, MaskingProfile profile, MaskCounts counts)
            throws IOException {
        try (JsonParser parser = JSON.createParser(in); JsonGenerator generator = JSON.createGenerator(out)) {
            transfer(parser, generator, filter, profile, counts);
        }
    }

    /** Copies tokens until the parser is exhausted or fails; what was copied before a failure stays written. */
    static void transfer(JsonParser parser, JsonGenerator generator, JsonStringFilter filter, MaskingProfile profile,
                         MaskCounts counts) throws IOException {
        boolean masking = profile.active();
        PathSteps steps = new PathSteps();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            switch (token) {
                case VALUE_STRING -> {
                    JsonStreamContext context = parser.getParsingContext();
                    String value = filter.filter(context, parser.getText());
                    generator.writeString(masking ? profile.maskString(steps.at(context), value, counts) : value);
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    String text = parser.getText();
                    String masked = masking ? profile.maskScalar(steps.at(parser.getParsingContext()), text, counts) : null;
                    if (masked == null) {
                        generator.writeNumber(text);
                    } else {
                        generator.writeString(masked);
                    }
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    String masked = masking ? profile.maskScalar(steps.at(parser.getParsingContext()),
                            token == JsonToken.VALUE_TRUE ? "true" : "false", counts) : null;
                    if (masked == null) {
                        generator.copyCurrentEvent(parser);
                    } else {
                        generator.writeString(masked);
                    }
                }
                default -> generator.copyCurrentEvent(parser);
            }
        }
    }

    static JsonFactory factory() {
        return JSON;
    }
}
