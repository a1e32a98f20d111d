# sets.Set / ImmutableSet and their builtin replacements: members, operators, methods kept on both.
import sets

names = sets.Set(['b', 'a', 'b'])
names.add('c')
names.discard('z')
frozen = sets.ImmutableSet(names)
print sorted(names), sorted(frozen), len(names), 'a' in names, frozen in sets.Set([frozen])
print sorted(names | sets.Set(['d'])), sorted(names & frozen), sorted(names - sets.Set(['a']))
print names.issubset(frozen), names.issuperset(sets.Set(['a'])), sorted(names.symmetric_difference(sets.Set(['a', 'q'])))
names.update(['e'])
names.intersection_update(['a', 'e'])
print sorted(names), hash(frozen) == hash(sets.ImmutableSet(['a', 'b', 'c']))
