package haven.command.web;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

@Component
class ActorResolver implements HandlerMethodArgumentResolver {

    static final String HEADER = "X-Haven-User";
    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String id = request.getHeader(HEADER);
        if (id == null || !STAFF_ID.matcher(id).matches()) {
            throw new InvalidRequest(List.of(new InvalidField(HEADER, "must name the member of staff doing this")));
        }
        return new Actor(id);
    }
}
