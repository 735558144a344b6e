"""The components of a person, compiled for the engine: one module per component.

Each module holds one :class:`kramp.engine.component.Component` subclass, built from its
physiology module's parameter tables and equations (``kramp.physiology``) and stepped by the
engine with the others.
"""
