"""core/providers"""
