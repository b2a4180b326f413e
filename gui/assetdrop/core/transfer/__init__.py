"""core/transfer"""
