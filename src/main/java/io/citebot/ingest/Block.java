package io.citebot.ingest;

import java.util.Objects;

/**
 * A block of a page before cleaning: a line or paragraph of a text file, or a leaf block element of HTML.
 *
 * @param text        the block's text, whitespace folded
 * @param linkDensity share of the characters that sit inside links (0 for plain text)
 * @param heading     whether the markup says this is a heading
 */
public record Block(String text, double linkDensity, boolean heading) {

    public Block {
        Objects.requireNonNull(text, "text");
        if (linkDensity < 0 || linkDensity > 1) {
            throw new IllegalArgumentException("linkDensity must be in [0, 1]: " + linkDensity);
        }
    }

    public static Block of(String text) {
        return new Block(text, 0, false);
    }
}
