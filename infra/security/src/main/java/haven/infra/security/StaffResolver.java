package haven.infra.security;

import haven.infra.council.Partnership;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a controller the signed-in member of staff; the access rules have already required one. */
final class StaffResolver implements HandlerMethodArgumentResolver {

    private final Partnership partnership;

    StaffResolver(Partnership partnership) {
        this.partnership = partnership;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Staff.class;
    }

    @Override
    public Staff resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        return Staff.current(partnership)
                .orElseThrow(() -> new IllegalStateException(
                        "An endpoint that acts for a member of staff is missing from the access rules"));
    }
}
