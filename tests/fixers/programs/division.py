class Money(object):
    def __init__(self, cents):
        self.cents = cents

    def __div__(self, other):
        return Money(self.cents // other)

    def __rdiv__(self, other):
        return other // self.cents

items = range(7)
print 7 / 2, -7 / 2, len(items) / 2, (3 + 4) / -2 * 5, 2 ** 3 / 3
print 7 / 2.0, float(7) / 2, 1e1 / 4
n = 10
n /= 4.0
print n
print (Money(700) / 3).cents, 700 / Money(3)


def add_months(month, count):
    # locals assigned only integers: their `/` floors on both versions
    try:
        step = int(count)
    except ValueError:
        step = 0
    months = abs(step)
    years = months / 12
    months = months % 12
    if step < 0:
        years -= 1
    return years, (months + len(str(month))) / 2, -months / 5


print add_months(3, "-27"), add_months(11, "x"), add_months(1, 29)
