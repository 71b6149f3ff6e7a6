package org.neurite.launcher.config;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Writes config values as YAML the way a person would: no document marker, quotes only where needed. */
public final class ConfigYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private ConfigYaml() {
    }

    /**
     * @param values plain maps, lists and values
     * @return their YAML text
     * @throws JsonProcessingException if a value cannot be written (never for values read from a config)
     */
    public static String text(Map<String, Object> values) throws JsonProcessingException {
        return YAML.writeValueAsString(values);
    }
}
