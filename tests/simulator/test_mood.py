"""How one trainee turn moves the caller's emotion."""
from __future__ import annotations

import pytest

from simulator.mood import Emotion, TurnEffect, update
from simulator.persona import load_personas

PERSONAS = load_personas()


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_apology_and_commitment_calm_every_persona(persona):
    p = PERSONAS[persona]
    start = Emotion(label=p.emotion.label, intensity=p.emotion.intensity)
    mood, delta = update(p, start, TurnEffect(intents={"apology", "empathy", "commitment"}))
    assert delta < 0 and mood.intensity < start.intensity


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("category", ["forbidden_phrase", "shift_responsibility", "blame_customer"])
def test_violations_upset_every_persona_even_with_an_apology(persona, category):
    p = PERSONAS[persona]
    start = Emotion(label=p.emotion.label, intensity=0.5)
    mood, _ = update(p, start, TurnEffect(intents={"apology"}, violations=[category]))
    assert mood.intensity > start.intensity


def test_ignoring_the_caller_upsets_and_calm_relabels():
    p = PERSONAS["anxious"]
    mood, _ = update(p, Emotion(label="anxious", intensity=0.5), TurnEffect())
    assert mood.intensity > 0.5
    calm, _ = update(p, Emotion(label="anxious", intensity=0.3), TurnEffect(intents={"commitment", "empathy"}))
    assert calm.label == p.calm_label


def test_a_wronged_caller_turns_angry():
    mood, _ = update(PERSONAS["confused"], Emotion(label="confused", intensity=0.8),
                     TurnEffect(violations=["forbidden_phrase"]))
    assert mood.label == "angry"


def test_the_elderly_cannot_follow_long_turns():
    p = PERSONAS["elderly"]
    start = Emotion(label="anxious", intensity=0.5)
    long, _ = update(p, start, TurnEffect(intents={"solution"}, too_long=True))
    short, _ = update(p, start, TurnEffect(intents={"solution"}))
    assert long.intensity > short.intensity
