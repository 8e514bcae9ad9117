"""Router tests: predicates on the reply and what the engine knows (goflow's has_any_word and friends)."""
from bot.engine.text import as_number, has_letters, normalise

CONDITIONS = {}


def condition(name):
    """Register a router test under `name`."""
    def register(function):
        CONDITIONS[name] = function
        return function
    return register


@condition("is_crisis")
def is_crisis(ctx) -> bool:
    return bool(ctx.triage and ctx.triage.crisis)


@condition("has_need")
def has_need(ctx) -> bool:
    return bool(ctx.state.needs)


@condition("has_confident_need")
def has_confident_need(ctx) -> bool:
    return bool(ctx.state.need)


@condition("has_results")
def has_results(ctx) -> bool:
    return bool(ctx.state.offered)


@condition("has_more_results")
def has_more_results(ctx) -> bool:
    return ctx.has_more_pages()


@condition("has_option")
def has_option(ctx) -> bool:
    number = as_number(ctx.text)
    return number is not None and 1 <= number <= len(ctx.page_services())


@condition("has_number")
def has_number(ctx, value) -> bool:
    return as_number(ctx.text) == int(value)


@condition("has_number_between")
def has_number_between(ctx, low, high) -> bool:
    number = as_number(ctx.text)
    return number is not None and int(low) <= number <= int(high)


def _word_set(words) -> set[str]:
    """Flatten words given as strings or as {language: [words]} into one normalised set."""
    wanted = set()
    for word in words:
        if isinstance(word, dict):
            for listed in word.values():
                wanted.update(normalise(w) for w in listed)
        else:
            wanted.add(normalise(str(word)))
    return wanted


@condition("has_any_word")
def has_any_word(ctx, *words) -> bool:
    return bool(set(normalise(ctx.text).split()) & _word_set(words))


@condition("has_text")
def has_text(ctx) -> bool:
    return has_letters(ctx.text)


@condition("questions_at_least")
def questions_at_least(ctx, count) -> bool:
    return ctx.state.questions >= int(count)


@condition("has_language")
def has_language(ctx) -> bool:
    return ctx.state.language_chosen


@condition("has_clarify_choice")
def has_clarify_choice(ctx) -> bool:
    number = as_number(ctx.text)
    return number is not None and 1 <= number <= len(ctx.state.clarify_options)


@condition("has_clarify_other")
def has_clarify_other(ctx) -> bool:
    return as_number(ctx.text) == len(ctx.state.clarify_options) + 1


@condition("has_only_words")
def has_only_words(ctx, *words) -> bool:
    said = normalise(ctx.text).split()
    wanted = _word_set(words)
    return bool(said) and all(w in wanted for w in said)


@condition("answers")
def answers(ctx, *phrases) -> bool:
    """Tell whether a short reply (five words at most) says one of the phrases ("oui", "yes i am", "non merci")."""
    return len(normalise(ctx.text).split()) <= 5 and has_phrase(ctx, *phrases)


@condition("has_phrase")
def has_phrase(ctx, *phrases) -> bool:
    said = f" {normalise(ctx.text)} "
    return any(f" {phrase} " in said for phrase in _word_set(phrases))


@condition("concern_is")
def concern_is(ctx, concern) -> bool:
    return ctx.state.concern == concern


@condition("in_safety_mode")
def in_safety_mode(ctx) -> bool:
    """Tell whether the conversation is still in safety mode (after a crisis, for a set time)."""
    return ctx.state.in_safety_mode(ctx.now.timestamp())


@condition("safety_is")
def safety_is(ctx, mode) -> bool:
    return ctx.state.safety == mode


@condition("says_safe")
def says_safe(ctx) -> bool:
    """Tell whether the reply says the person is safe ("I'm safe now", "chu correcte", "not suicidal")."""
    return bool(ctx.triage and ctx.triage.says_safe and ctx.triage.risk is None)


@condition("says_danger_now")
def says_danger_now(ctx) -> bool:
    """Tell whether the reply says danger is here now ("he's here", "il est devant la porte")."""
    return bool(ctx.triage and ctx.triage.danger_now)


@condition("names_a_need")
def names_a_need(ctx) -> bool:
    """Tell whether the reply names a need the lexicons recognise plainly (not a lone "ok" or "he's here")."""
    return bool(ctx.triage and ctx.triage.confident and ctx.triage.needs and ctx.triage.risk is None)


@condition("consent_known")
def consent_known(ctx) -> bool:
    """Tell whether the person already said, in this conversation, whether to share their words."""
    return ctx.state.consent in ("yes", "no", "crisis")


@condition("profile_asked")
def profile_asked(ctx) -> bool:
    """Tell whether this conversation already asked about remembering the person's situation (or keeps it)."""
    return ctx.state.profile_asked or bool(ctx.state.profile)


@condition("chose_a_service")
def chose_a_service(ctx) -> bool:
    """Tell whether the person asked for a service's details in this conversation."""
    return bool(ctx.state.selected)
