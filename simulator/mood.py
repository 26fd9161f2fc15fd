"""The caller's emotional state and how one trainee turn moves it."""
from __future__ import annotations

from pydantic import BaseModel, Field

from simulator.persona import Persona

# Helpful intents: a turn with none of these (and no question for a fact) ignores the caller.
HELPFUL = {"apology", "empathy", "confirmation", "commitment", "solution", "ask_name", "ask_info",
           "hold", "transfer", "closing", "greeting"}
# Above this, any caller who has been wronged on top of their problem turns angry.
ANGER = 0.85


class Emotion(BaseModel):
    """Emotion label (shared vocabulary) and intensity 0–1."""

    label: str
    intensity: float = Field(ge=0, le=1)

    def band(self) -> str:
        """Mood band used to pick bank lines."""
        return "high" if self.intensity >= 0.66 else "mid" if self.intensity >= 0.33 else "low"


class TurnEffect(BaseModel):
    """What one trainee turn did, as the caller perceives it."""

    intents: set[str] = set()
    violations: list[str] = []
    repeat_ask: bool = False
    too_long: bool = False
    past_patience: bool = False


def update(persona: Persona, mood: Emotion, effect: TurnEffect) -> tuple[Emotion, float]:
    """The caller's new emotion after a turn, and the change in intensity."""
    fx = persona.effects
    # Each intent counts once per turn; stacking the same apology three times earns nothing more.
    delta = sum(fx.intents.get(intent, 0.0) for intent in effect.intents)
    delta += sum(fx.violations.get(category, 0.0) for category in set(effect.violations))
    if not (effect.intents & HELPFUL) and not effect.violations:
        delta += fx.ignored
    if effect.repeat_ask:
        delta += fx.repeat_ask
    if effect.too_long and persona.long_turn:
        delta += persona.long_turn.delta
    if effect.past_patience:
        delta += fx.impatience
    # A turn that breaks a rule cannot also calm the caller: the violation is what they hear.
    if effect.violations:
        delta = max(delta, min(fx.violations.get(c, 0.0) for c in set(effect.violations)))
    intensity = min(1.0, max(0.0, mood.intensity + delta))
    return Emotion(label=_label(persona, mood, intensity, bool(effect.violations)), intensity=round(intensity, 3)), delta


def _label(persona: Persona, mood: Emotion, intensity: float, wronged: bool) -> str:
    if intensity < persona.calm_below:
        return persona.calm_label
    if wronged and intensity >= ANGER:
        return "angry"
    if mood.label in (persona.calm_label, "satisfied"):
        return persona.emotion.label  # upset again: back to the persona's own colour
    return mood.label
