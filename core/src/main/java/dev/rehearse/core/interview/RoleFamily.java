package dev.rehearse.core.interview;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The role families and seniority level a free-text role and seniority belong to. Pure. */
public final class RoleFamily {

  private RoleFamily() {}

  private static final Map<String, List<String>> FAMILIES =
      Map.of(
          "engineering",
              List.of(
                  "engineer",
                  "developer",
                  "programmer",
                  "sre",
                  "devops",
                  "backend",
                  "frontend",
                  "full stack",
                  "fullstack",
                  "software",
                  "architect",
                  "qa",
                  "tester"),
          "data",
              List.of(
                  "data",
                  "analyst",
                  "scientist",
                  "machine learning",
                  "ml ",
                  " ml",
                  "ai ",
                  "statistic",
                  "bi ",
                  "analytics"),
          "product", List.of("product", " pm", "pm ", "owner"),
          "management", List.of("manager", "lead", "head of", "director", "vp", "chief"),
          "design", List.of("design", "ux", "ui "));

  /** The families a role mentions, e.g. "Senior Data Engineer" is engineering and data. */
  public static Set<String> of(String role) {
    String r = " " + role.toLowerCase(Locale.ROOT) + " ";
    Set<String> out = new LinkedHashSet<>();
    FAMILIES.forEach(
        (family, cues) -> {
          if (cues.stream().anyMatch(r::contains)) {
            out.add(family);
          }
        });
    return out;
  }

  /** {@code junior}, {@code mid} or {@code senior} from a free-text seniority. */
  public static String level(String seniority) {
    String s = seniority.toLowerCase(Locale.ROOT);
    if (List.of("intern", "junior", "graduate", "entry", "student", "trainee").stream()
        .anyMatch(s::contains)) {
      return "junior";
    }
    if (List.of("senior", "staff", "principal", "lead", "head", "director", "manager", "chief")
        .stream()
        .anyMatch(s::contains)) {
      return "senior";
    }
    return "mid";
  }
}
