package haven.query.trends;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A trend answer: each cell a period, its values of the dimensions, and its count unless hidden;
 * for a table of a monitoring question's answers, each period's declaration rate (else null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrendResponse(
        String period,
        String from,
        String to,
        List<String> dimensions,
        String cases,
        int threshold,
        List<Map<String, Object>> cells,
        Map<String, DeclarationRate> declarationRates) {}
