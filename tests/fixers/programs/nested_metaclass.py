# A metaclass given as a nested class: every subclass gets its own registry list.
class Base(object):
    registry = []
    made = []

    class __metaclass__(type):
        def __init__(cls, name, bases, namespace):
            type.__init__(cls, name, bases, namespace)
            cls.registry = list(getattr(cls, "registry", ()))
            Base.made.append(name) if name != "Base" else None


class Child(Base):
    pass


Child.registry.append("child")
print Base.registry, Child.registry, type(Child).__name__, Base.made
