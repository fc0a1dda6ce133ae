package haven.query.trends;

import java.util.List;
import java.util.Map;

/** A trend answer: each cell a period, its values of the dimensions, and its count unless hidden. */
public record TrendResponse(
        String period,
        String from,
        String to,
        List<String> dimensions,
        String cases,
        int threshold,
        List<Map<String, Object>> cells) {}
