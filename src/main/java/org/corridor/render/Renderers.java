package org.corridor.render;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The renderers this build has, by format name. */
@Component
public class Renderers {

    private final List<Renderer> renderers;

    Renderers(List<Renderer> renderers) {
        this.renderers = List.copyOf(renderers);
    }

    public Optional<Renderer> find(String format) {
        return renderers.stream().filter(r -> r.format().equalsIgnoreCase(format)).findFirst();
    }
}
