package io.citebot.ingest;

import java.time.LocalDate;

/** What a page says about itself; any field may be null. */
record Metadata(String title, LocalDate date, String source, String url) {

    static final Metadata EMPTY = new Metadata(null, null, null, null);

    /** This metadata, with gaps filled from {@code other}. */
    Metadata orElse(Metadata other) {
        return new Metadata(
                title != null ? title : other.title,
                date != null ? date : other.date,
                source != null ? source : other.source,
                url != null ? url : other.url);
    }
}
